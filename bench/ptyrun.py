#!/usr/bin/python3
"""ptyrun.py COLS ROWS XPIX YPIX CMD...: run CMD with stdin and stderr on a pty whose
window size reports COLS×ROWS cells and XPIX×YPIX pixels (stdout unchanged), so tools
that ask the kernel for the cell size in pixels (chafa, timg) get the given geometry."""
import fcntl, os, pty, struct, sys, termios
cols, rows, xpix, ypix = map(int, sys.argv[1:5])
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, xpix, ypix))
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    os.dup2(slave, 0); os.dup2(slave, 2)
    os.execvp(sys.argv[5], sys.argv[5:])
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
