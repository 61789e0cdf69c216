/*
 * kernel/fs/namei.c - from a path name to a dentry.
 *
 * A path is walked one component at a time from the root ("/...") or the
 * current directory: "." stays, ".." goes up (the root is its own parent),
 * a symlink is followed (its target walked from the directory holding it),
 * anything else must be a child of a directory.  Errors are Linux's:
 * -ENOENT (missing, or the empty path), -ENOTDIR (a component used as a
 * directory is not one, or a trailing slash after a non-directory),
 * -ENAMETOOLONG (a component over NAME_MAX bytes or a path of PATH_MAX),
 * -ELOOP (more than 40 symlinks, or 8 nested inside symlinks' targets).  Creating walks to the parent and adds
 * the last component.  Linux: fs/namei.c (link_path_walk, walk_component,
 * lookup_last, filename_create, do_mkdirat, do_unlinkat, do_rmdir).
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/slab.h>
#include "internal.h"

#define MAXSYMLINKS	40	/* symlinks followed in one lookup */
#define MAX_NESTED_LINKS 8	/* symlinks inside a symlink's target, nested */

struct fs_struct init_fs = { .umask = 0022 };

enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* For -ELOOP: how many symlinks one lookup followed, and how deep it is now. */
struct link_count {
	int total, depth;
};

struct nameidata {
	struct dentry *dir;		/* where the walk is */
	const char *last;		/* the last component ... */
	size_t last_len;		/* ... and its length */
	enum last_type last_type;
	bool trailing_slash;
	struct link_count *links;
};

/* lookup_last: the last component is a symlink to follow (in *result) */
#define LAST_IS_LINK	1

static bool d_is_dir(const struct dentry *d)
{
	return S_ISDIR(d->d_inode->i_mode);
}

static int path_lookupat(struct dentry *start, const char *name, unsigned int flags,
			 struct link_count *links, struct dentry **result);

/*
 * A symlink met in the middle of a path: its target is walked from the
 * directory holding it, one level of recursion deeper.  The depth is
 * capped at MAX_NESTED_LINKS (Linux before 4.2 capped it so too; today's
 * Linux keeps an explicit stack instead) so the kernel stack stays small;
 * a chain of links at the end of a path is followed in a loop
 * (path_lookupat) and only counts towards MAXSYMLINKS.
 */
static int follow_link(struct nameidata *nd, struct dentry *link, struct dentry **result)
{
	int err;

	if (++nd->links->total > MAXSYMLINKS || nd->links->depth >= MAX_NESTED_LINKS)
		return -ELOOP;
	nd->links->depth++;
	err = path_lookupat(nd->dir, link->d_inode->i_link, LOOKUP_FOLLOW, nd->links, result);
	nd->links->depth--;
	return err;
}

/* One step down (or up) from nd->dir; the result must be a directory. */
static int walk_component(struct nameidata *nd, const char *name, size_t len)
{
	struct dentry *d;
	int err;

	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		nd->dir = nd->dir->d_parent;
		return 0;
	}
	d = d_lookup(nd->dir, name, len);
	if (!d)
		return -ENOENT;
	if (S_ISLNK(d->d_inode->i_mode)) {
		err = follow_link(nd, d, &d);
		if (err)
			return err;
		dput(d);	/* the tree still holds it: the walk takes no references */
	}
	if (!d_is_dir(d))
		return -ENOTDIR;
	nd->dir = d;
	return 0;
}

/* Walks every component but the last, which it records in nd. */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	if (!*name)
		return -ENOENT;
	if (strnlen(name, PATH_MAX) == PATH_MAX)
		return -ENAMETOOLONG;
	if (*name == '/')
		nd->dir = init_fs.root;
	for (;;) {
		const char *end, *next;
		size_t len;
		int err;

		while (*name == '/')
			name++;
		if (!*name) {		/* "/" or "a//": the root, or a trailing slash */
			nd->last_type = LAST_ROOT;
			return 0;
		}
		for (end = name; *end && *end != '/'; end++)
			;
		len = end - name;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		for (next = end; *next == '/'; next++)
			;
		if (!*next) {
			nd->last = name;
			nd->last_len = len;
			nd->trailing_slash = *end == '/';
			nd->last_type = (len == 1 && name[0] == '.') ? LAST_DOT :
					(len == 2 && !memcmp(name, "..", 2)) ? LAST_DOTDOT : LAST_NORM;
			return 0;
		}
		err = walk_component(nd, name, len);
		if (err)
			return err;
		name = next;
	}
}

/*
 * The last component, looked up; a symlink to follow (LOOKUP_FOLLOW, or a
 * trailing slash) is handed back with LAST_IS_LINK.
 */
static int lookup_last(struct nameidata *nd, unsigned int flags, struct dentry **result)
{
	struct dentry *d = nd->dir;

	if (nd->last_type == LAST_DOTDOT)
		d = d->d_parent;
	if (nd->last_type == LAST_NORM) {
		d = d_lookup(nd->dir, nd->last, nd->last_len);
		if (!d)
			return -ENOENT;
		if (S_ISLNK(d->d_inode->i_mode) && (flags & LOOKUP_FOLLOW || nd->trailing_slash)) {
			*result = d;
			return LAST_IS_LINK;
		}
	}
	if ((flags & LOOKUP_DIRECTORY || nd->trailing_slash) && !d_is_dir(d))
		return -ENOTDIR;
	*result = dget(d);
	return 0;
}

/* Linux: path_lookupat() - symlinks at the end followed in a loop, not recursion. */
static int path_lookupat(struct dentry *start, const char *name, unsigned int flags,
			 struct link_count *links, struct dentry **result)
{
	struct nameidata nd = { .dir = start, .links = links };
	int err;

	while (!(err = link_path_walk(name, &nd))) {
		err = lookup_last(&nd, flags, result);
		if (err != LAST_IS_LINK)
			break;
		if (++links->total > MAXSYMLINKS)
			return -ELOOP;
		if (nd.trailing_slash)
			flags |= LOOKUP_DIRECTORY;
		name = (*result)->d_inode->i_link;	/* walked from the link's directory */
	}
	return err;
}

int kern_path(const char *name, unsigned int flags, struct dentry **result)
{
	struct link_count links = { 0 };

	return path_lookupat(init_fs.pwd, name, flags, &links, result);
}

/*
 * Linux: filename_create() - the parent must exist; the last component must
 * be a name (not "/", "." or "..": -EEXIST) that does not exist yet.
 */
static int create_parent(const char *name, struct nameidata *nd, struct link_count *links,
			 bool is_dir)
{
	int err;

	nd->dir = init_fs.pwd;
	nd->links = links;
	err = link_path_walk(name, nd);
	if (err)
		return err;
	if (nd->last_type != LAST_NORM)
		return -EEXIST;
	if (d_lookup(nd->dir, nd->last, nd->last_len))
		return -EEXIST;
	if (nd->trailing_slash && !is_dir)
		return -ENOENT;
	return 0;
}

/* A new dentry and inode for name, referenced once more for the caller. */
struct dentry *vfs_create_node(const char *name, umode_t mode, int *err)
{
	struct link_count links = { 0 };
	struct nameidata nd;
	struct inode *inode;
	struct dentry *d;

	*err = create_parent(name, &nd, &links, S_ISDIR(mode));
	if (*err)
		return NULL;
	*err = -ENOMEM;
	inode = new_inode(mode);
	if (!inode)
		return NULL;
	inode->i_sb_magic = nd.dir->d_inode->i_sb_magic;	/* one tree: the parent's */
	inode->i_fop = S_ISDIR(mode) ? &ramfs_dir_operations :
		       S_ISREG(mode) ? &ramfs_file_operations :
		       S_ISCHR(mode) ? &def_chr_fops : NULL;
	d = d_alloc(nd.dir, nd.last, nd.last_len, inode);
	if (!d) {
		kfree(inode);
		return NULL;
	}
	if (S_ISDIR(mode))
		nd.dir->d_inode->i_nlink++;
	*err = 0;
	return dget(d);
}

static int create_node(const char *name, umode_t mode, dev_t dev, const char *link)
{
	struct dentry *d;
	char *target = NULL;
	int err;

	if (link) {
		size_t len = strnlen(link, PATH_MAX);

		if (len == PATH_MAX)
			return -ENAMETOOLONG;
		if (!len)
			return -ENOENT;
		target = kmalloc(len + 1, GFP_KERNEL);
		if (!target)
			return -ENOMEM;
		memcpy(target, link, len + 1);
	}
	d = vfs_create_node(name, mode, &err);
	if (!d) {
		kfree(target);
		return err;
	}
	d->d_inode->i_rdev = dev;
	d->d_inode->i_link = target;
	dput(d);
	return 0;
}

/*
 * Linux: open_last_lookups() - O_CREAT on "/", "." or "..", or with a
 * trailing slash, is -EISDIR; an existing name is -EEXIST under O_EXCL
 * (a symlink too: it is not followed), else opened (followed unless
 * O_NOFOLLOW).  A dangling symlink is not created through: -ENOENT
 * (Linux creates its target).
 */
int open_last_lookups(const char *name, int flags, umode_t mode, struct dentry **result,
		      bool *created)
{
	unsigned int lookup = (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			      (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0);
	struct link_count links = { 0 };
	struct nameidata nd = { .dir = init_fs.pwd, .links = &links };
	struct dentry *d;
	int err;

	*created = false;
	if (!(flags & O_CREAT))
		return kern_path(name, lookup, result);
	err = link_path_walk(name, &nd);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM || nd.trailing_slash)
		return -EISDIR;
	d = d_lookup(nd.dir, nd.last, nd.last_len);
	if (d && (flags & O_EXCL))
		return -EEXIST;
	if (d)
		return kern_path(name, lookup, result);	/* it exists: an ordinary open */
	d = vfs_create_node(name, S_IFREG | (mode & 07777 & ~init_fs.umask), &err);
	if (!d)
		return err;
	*created = true;
	*result = d;
	return 0;
}

int vfs_mkdir(const char *name, umode_t mode)
{
	return create_node(name, S_IFDIR | (mode & 07777 & ~init_fs.umask), 0, NULL);
}

/* Linux's mknod: a regular file (type 0 means S_IFREG too) or a device node. */
int vfs_mknod(const char *name, umode_t mode, dev_t dev)
{
	umode_t type = mode & S_IFMT;

	if (!type)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFCHR)
		return -EINVAL;		/* blocks, fifos, sockets: not in mmlab (Linux: -EPERM/ok) */
	return create_node(name, type | (mode & 07777 & ~init_fs.umask), dev, NULL);
}

int vfs_symlink(const char *target, const char *name)
{
	return create_node(name, S_IFLNK | 0777, 0, target);
}

/* The dentry name names itself (no symlink followed), for unlink and rmdir. */
static int lookup_no_follow(const char *name, struct dentry **d)
{
	struct link_count links = { 0 };
	struct nameidata nd = { .dir = init_fs.pwd, .links = &links };
	int err;

	err = link_path_walk(name, &nd);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM)
		return nd.last_type == LAST_DOT ? -EINVAL :
		       nd.last_type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
	*d = d_lookup(nd.dir, nd.last, nd.last_len);
	if (!*d)
		return -ENOENT;
	if (nd.trailing_slash && !d_is_dir(*d))
		return -ENOTDIR;
	return 0;
}

/* Removing d from its directory (magic: the directory's file system). */
static int may_remove(struct dentry *d, unsigned long magic, enum name_change op)
{
	if (op == NAME_RMDIR ? !d_is_dir(d) : d_is_dir(d))
		return 0;			/* vfs_rmdir/vfs_unlink: -ENOTDIR/-EISDIR */
	if (op == NAME_RMDIR && magic == PROC_SUPER_MAGIC)
		return -EPERM;			/* procfs has no ->rmdir */
	if (op == NAME_RMDIR && d->d_inode->i_sb_magic != magic)
		return -EBUSY;			/* another file system's root: a mount point */
	return magic == RAMFS_MAGIC ? 0 : -EPERM;
}

int may_change_name(const char *name, enum name_change op)
{
	struct link_count links = { 0 };
	struct nameidata nd = { .dir = init_fs.pwd, .links = &links };
	unsigned long magic;
	struct dentry *d;

	if (link_path_walk(name, &nd) || nd.last_type != LAST_NORM)
		return 0;		/* the call itself says what is wrong */
	magic = nd.dir->d_inode->i_sb_magic;
	d = d_lookup(nd.dir, nd.last, nd.last_len);
	if (op == NAME_UNLINK || op == NAME_RMDIR)	/* "file/": -ENOTDIR from the call */
		return d && !(nd.trailing_slash && !d_is_dir(d)) ? may_remove(d, magic, op) : 0;
	if (d || magic == RAMFS_MAGIC || (op == NAME_OPEN_CREAT && nd.trailing_slash))
		return 0;		/* -EEXIST, O_CREAT opens it, "x/" is -EISDIR */
	if (magic == PROC_SUPER_MAGIC)
		return -ENOENT;
	return op == NAME_OPEN_CREAT ? -EACCES : -EPERM;
}

int vfs_unlink(const char *name)
{
	struct dentry *d;
	int err = lookup_no_follow(name, &d);

	if (err)
		return err == -EINVAL || err == -ENOTEMPTY || err == -EBUSY ? -EISDIR : err;
	if (d_is_dir(d))
		return -EISDIR;
	d_delete(d);
	return 0;
}

int vfs_rmdir(const char *name)
{
	struct dentry *d;
	int err = lookup_no_follow(name, &d);

	if (err)
		return err;
	if (!d_is_dir(d))
		return -ENOTDIR;
	if (!list_empty(&d->d_subdirs))
		return -ENOTEMPTY;
	d->d_parent->d_inode->i_nlink--;
	d_delete(d);
	return 0;
}
