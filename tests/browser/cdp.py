#!/usr/bin/env python3
"""cdp.py — a small client of headless Chromium for the tests of zic's HTML pages (Python stdlib only).

Chromium is started with --remote-debugging-pipe: it reads DevTools Protocol commands on its fd 3 and writes
replies and events on its fd 4, each message one JSON text ended by a NUL byte. No port is opened, so two tests
running at once cannot meet, and nothing outside the process pair can drive the browser.

    with Browser() as browser:
        page = browser.open("report.html")       # waits for the load event
        page.eval("document.title")              # -> "..." (a JSON value)
        page.screenshot("report.png"); page.pdf("report.pdf")
        page.console, page.exceptions, page.requests   # what the page did

What the page did is collected from the moment the tab exists:
- console: Runtime.consoleAPICalled (console.log/warn/error...) and Log.entryAdded (the browser's own messages,
  e.g. a refused resource), each as {"source", "level", "text"};
- exceptions: Runtime.exceptionThrown, each as its text with the location;
- requests: every Network.requestWillBeSent whose URL is neither the page's own file:// URL nor a data: URL —
  for a self-contained page this list must stay empty.

Every wait has a deadline (BrowserError when it passes) and the browser is killed on exit whatever happened,
its temporary profile removed. Run as root (CI containers), Chromium needs --no-sandbox, which is always given:
the pages loaded are our own test outputs.

The command line, for tests in other languages and for people:
    cdp.py check PAGE.html [--screenshot X.png] [--pdf X.pdf] [--eval JS]... [--timeout S]
prints one JSON object {"console", "exceptions", "requests", "eval": [...]} and exits 0 when the page logged no
console error, threw nothing and requested nothing, 1 when it did, 2 when the browser could not be driven.
"""
import argparse
import base64
import ctypes
import fcntl
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DEFAULT_TIMEOUT = 30.0
A4_INCHES = (8.27, 11.69)


class BrowserError(Exception):
    """The browser could not be started, did not answer in time, or answered a command with an error."""


def find_chromium():
    """The Chromium to run: $CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BrowserError("chromium not found (install it with scripts/deps.sh or set CHROMIUM)")


def _become_subreaper():
    """Makes this process the reaper of its orphaned descendants (Linux prctl); False where that fails."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap_group(pgid, deadline):
    """Waits for every process of the (killed) group `pgid` to be gone, reaping those that became ours."""
    while time.monotonic() < deadline:
        try:
            while os.waitpid(-pgid, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


class Browser:
    """One headless Chromium process driven over its debugging pipe. Use as a context manager."""

    def __init__(self, chromium=None, timeout=DEFAULT_TIMEOUT, width=1200, height=900):
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._events = []
        self._profile = tempfile.mkdtemp(prefix="zi-cdp-")
        self._log = open(os.path.join(self._profile, "chromium.log"), "w+b")
        # Our ends: we write commands to cmd_w (Chromium's fd 3) and read from out_r (Chromium's fd 4).
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()

        def wire_pipes():
            # Moved above 4 first: either end may itself be fd 3 or 4 in this process.
            high_r, high_w = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10), fcntl.fcntl(out_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        # Chromium's helper processes outlive the main one by a moment when killed; made our children on
        # the way (a child subreaper), they can be reaped here rather than left as zombies under an init
        # that does not reap (a container's).
        self._reaper = _become_subreaper()
        args = [chromium or find_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--remote-debugging-pipe", "--user-data-dir=" + self._profile,
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--mute-audio",
                "--hide-scrollbars", "--window-size=%d,%d" % (width, height), "about:blank"]
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                         preexec_fn=wire_pipes, pass_fds=(3, 4),
                                         start_new_session=True)  # its own group: killed whole on close
        except OSError as e:
            self._cleanup_files()
            for fd in (cmd_r, cmd_w, out_r, out_w):
                os.close(fd)
            raise BrowserError("cannot start %s: %s" % (args[0], e)) from e
        os.close(cmd_r)
        os.close(out_w)
        self._cmd, self._out = cmd_w, out_r
        try:
            self.version = self.send("Browser.getVersion")["product"]
        except BaseException:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Kills the browser (its whole process group) and removes its profile. Safe to call twice."""
        if getattr(self, "proc", None) is not None:
            for fd in (self._cmd, self._out):
                try:
                    os.close(fd)
                except OSError:
                    pass
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            if self._reaper:
                _reap_group(self.proc.pid, time.monotonic() + 10)
            self.proc = None
        self._cleanup_files()

    def _cleanup_files(self):
        if self._log is not None:
            self._log.close()
            self._log = None
        shutil.rmtree(self._profile, ignore_errors=True)

    def _browser_log(self):
        try:
            with open(os.path.join(self._profile, "chromium.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _read_message(self, deadline):
        """The next whole message from the browser, waiting until `deadline` (time.monotonic())."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("chromium did not answer within %.0f s" % self.timeout)
            ready, _, _ = select.select([self._out], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._out, 1 << 16)
            if not chunk:
                raise BrowserError("chromium closed its debugging pipe; its output:\n" + self._browser_log())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=None):
        """Sends one command and returns its result (a dict); events read meanwhile are kept for later."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        deadline = time.monotonic() + (timeout or self.timeout)
        while data:
            _, ready, _ = select.select([], [self._cmd], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise BrowserError("chromium did not read the command %s in time" % method)
            data = data[os.write(self._cmd, data):]
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError("%s: %s" % (method, reply["error"].get("message", reply["error"])))
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def events(self, wait=0.0):
        """The events received so far (and during `wait` more seconds), removed from the queue."""
        deadline = time.monotonic() + wait
        while wait > 0 and time.monotonic() < deadline:
            try:
                message = self._read_message(deadline)
            except BrowserError:
                if self.proc is None or self.proc.poll() is not None:
                    raise
                break
            if "method" in message:
                self._events.append(message)
        events, self._events = self._events, []
        return events

    def wait_event(self, method, session, timeout=None):
        """Waits for the event `method` of `session`; every event read meanwhile stays in the queue."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = 0
        while True:
            for event in self._events[seen:]:
                if event["method"] == method and event.get("sessionId") == session:
                    return event
            seen = len(self._events)
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    def open(self, page, timeout=None):
        """Opens `page` (a file path or a URL) in a new tab and waits for its load event; returns the Page."""
        return Page(self, page, timeout or self.timeout)


class Page:
    """One tab: what it logged, threw and requested, and commands on it."""

    def __init__(self, browser, page, timeout):
        self.browser = browser
        self.timeout = timeout
        self.url = page if "://" in page else pathlib.Path(page).resolve().as_uri()
        self.console, self.exceptions, self.requests = [], [], []
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable")
        self.send("Emulation.setEmulatedMedia", {"media": "screen"})
        result = self.send("Page.navigate", {"url": self.url})
        if result.get("errorText"):
            raise BrowserError("cannot open %s: %s" % (self.url, result["errorText"]))
        browser.wait_event("Page.loadEventFired", self.session, timeout)
        # Scripts run on load (the index's sorting, a chart) may log or throw just after the event.
        self.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")

    def send(self, method, params=None):
        result = self.browser.send(method, params, self.session, self.timeout)
        self._collect()
        return result

    def _collect(self):
        keep = []
        for event in self.browser.events():
            if event.get("sessionId") != self.session:
                keep.append(event)
                continue
            method, p = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", a.get("type")))) for a in p["args"])
                self.console.append({"source": "console-api", "level": p["type"], "text": text})
            elif method == "Log.entryAdded":
                entry = p["entry"]
                self.console.append({"source": entry["source"], "level": entry["level"],
                                     "text": entry["text"] + (" (" + entry["url"] + ")" if entry.get("url") else "")})
            elif method == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                where = " at %s:%d:%d" % (d.get("url", "?"), d.get("lineNumber", 0) + 1, d.get("columnNumber", 0) + 1)
                # An Error's description carries its own stack (with the location); a thrown value does not.
                self.exceptions.append(d.get("exception", {}).get("description") or d.get("text", "exception") + where)
            elif method == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if url != self.url and not url.startswith("data:") and url != "about:blank":
                    self.requests.append(url)
        self.browser._events[:0] = keep

    def errors(self):
        """Console messages at level error, as text."""
        return [m["text"] for m in self.console if m["level"] == "error"]

    def eval(self, expression):
        """The JSON value of `expression` in the page (promises awaited); BrowserError if it throws."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            d = result["exceptionDetails"]
            raise BrowserError("evaluating %r: %s" % (expression[:80], d.get("exception", {}).get(
                "description", d.get("text"))))
        return result["result"].get("value")

    def screenshot(self, path, full_page=True):
        """Writes a PNG of the page (its whole height when full_page) to `path`."""
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000),
                              "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))

    def pdf(self, path):
        """Prints the page to an A4 PDF at `path` (the page's print stylesheet and @page rules apply)."""
        data = self.send("Page.printToPDF", {"paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1],
                                             "printBackground": True, "preferCSSPageSize": True})["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))


def check(argv):
    parser = argparse.ArgumentParser(prog="cdp.py check", description="Load a page in headless Chromium and "
                                     "report its console errors, exceptions and network requests.")
    parser.add_argument("page")
    parser.add_argument("--screenshot", metavar="PNG")
    parser.add_argument("--pdf", metavar="PDF")
    parser.add_argument("--eval", metavar="JS", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    args = parser.parse_args(argv)
    try:
        with Browser(timeout=args.timeout) as browser:
            page = browser.open(args.page)
            values = [page.eval(js) for js in args.eval]
            if args.screenshot:
                page.screenshot(args.screenshot)
            if args.pdf:
                page.pdf(args.pdf)
            page.eval("0")  # collect what the evaluations logged
    except BrowserError as e:
        print("cdp.py: " + str(e), file=sys.stderr)
        return 2
    json.dump({"console": page.console, "exceptions": page.exceptions, "requests": page.requests,
               "eval": values}, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 1 if page.errors() or page.exceptions or page.requests else 0


def main(argv):
    if len(argv) < 2 or argv[1] != "check":
        print("usage: cdp.py check PAGE.html [--screenshot X.png] [--pdf X.pdf] [--eval JS]... [--timeout S]",
              file=sys.stderr)
        return 2
    return check(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
