/*
 * include/kernel/string.h - the string and memory routines (kernel/lib/string.c).
 * gcc may emit calls to memcpy/memset/memmove/memcmp even when we don't, so
 * they must exist in a freestanding kernel.
 */
#ifndef _KERNEL_STRING_H
#define _KERNEL_STRING_H

#include <kernel/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memchr_inv(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strscpy(char *dst, const char *src, size_t size);
bool glob_match(const char *pat, const char *str);
/* a == b, either may end in one newline (what `echo x > file` writes). */
bool sysfs_streq(const char *a, const char *b);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtobool(const char *s, bool *res);
unsigned long long memparse(const char *ptr, char **retptr);
char *skip_spaces(const char *s);
int hex_to_bin(unsigned char ch);

#endif
