"""The ground floor: errors, atomic files, the one subprocess runner, the build lock, progress."""
