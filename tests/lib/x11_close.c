/*
 * Ask an X11 window to close the way a window manager does when someone
 * presses Alt+F4 or the close button: a WM_PROTOCOLS client message
 * carrying WM_DELETE_WINDOW. Xvfb runs no window manager, and xdotool 3.2016
 * has no command for it. Used by tests/integration/test_kiosk_close.sh.
 *
 *   x11_close WINDOW_ID      (DISPLAY from the environment)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: x11_close WINDOW_ID\n");
    return 2;
  }
  Display *dpy = XOpenDisplay(NULL);
  if (!dpy) {
    fprintf(stderr, "x11_close: cannot open the display\n");
    return 1;
  }
  Window w = (Window)strtoul(argv[1], NULL, 0);
  XEvent ev;
  memset(&ev, 0, sizeof ev);
  ev.xclient.type = ClientMessage;
  ev.xclient.window = w;
  ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
  ev.xclient.format = 32;
  ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
  ev.xclient.data.l[1] = CurrentTime;
  Status sent = XSendEvent(dpy, w, False, NoEventMask, &ev);
  XSync(dpy, False);
  XCloseDisplay(dpy);
  return sent ? 0 : 1;
}
