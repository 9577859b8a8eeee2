import AftershockPipeline
import AftershockReport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command's results (stdout) and diagnostics and progress (stderr) go.
///
/// Text for people (``write(_:)``, ``line(_:)``, ``diagnostic(_:)``, progress) goes through
/// ``neutralized(_:)``, so control characters from input data (an escape sequence in an id, a
/// header or a file name) are shown, never obeyed by the terminal. Machine formats keep their
/// bytes: ``writeJSON(_:)`` and ``standardOutput``.
final class Console: @unchecked Sendable {
  private let output = ByteSink()
  private let lock = NSLock()
  private var lastDrawnBar = ""
  /// Whether standard error is a terminal (then progress is drawn as a bar).
  let isErrorTerminal = isatty(2) == 1
  /// Whether standard output is a terminal.
  let isOutputTerminal = isatty(1) == 1

  /// The width in columns of the terminal standard output is, as the terminal says it
  /// (`TIOCGWINSZ`); `nil` when standard output is not a terminal or it does not say.
  var outputTerminalWidth: Int? {
    guard isOutputTerminal else { return nil }
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// Writes text for people to standard output (buffered; flushed by ``flush()``).
  func write(_ text: String) throws(ReportError) {
    try output.write(Self.neutralized(text))
  }

  /// Writes a line for people to standard output.
  func line(_ text: String = "") throws(ReportError) {
    try output.write(Self.neutralized(text))
    try output.write(byte: 0x0A)
  }

  /// Writes JSON to standard output with its values intact: C1 controls and DEL, which JSON
  /// writers leave raw, become `\u00XX` escapes (valid JSON for the same text).
  func writeJSON(_ json: String) throws(ReportError) {
    guard json.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else {
      try output.write(json)
      return
    }
    var escaped = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      if (0x7F...0x9F).contains(scalar.value) {
        escaped.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
      } else {
        escaped.append(scalar)
      }
    }
    try output.write(String(escaped))
  }

  /// Flushes standard output.
  func flush() throws(ReportError) {
    try output.flush()
  }

  /// Prints the summary of a command whose product is files and history (run, merge, report,
  /// generate, the train commands), once that product is in place, and flushes it.
  ///
  /// The work is done and committed by then, so a summary that cannot be written (a full disk,
  /// a closed standard output) is a warning on standard error, not a failure: a scheduler must
  /// not retry a run that is published and recorded. A reader that has gone (`| head`) stays
  /// quiet. `outcome` says what succeeded, e.g. "the run succeeded (outputs in out)".
  func summary(of command: String, outcome: String, _ body: () throws -> Void) throws {
    do {
      try body()
      try flush()
    } catch let error as ReportError {
      switch error {
      case .brokenPipe:
        return
      case .cannotWrite(_, let reason):
        diagnostic(
          "aftershock \(command): warning: \(outcome) but its summary could not be written to standard output: \(reason)"
        )
      case .duplicateName:
        throw error
      }
    }
  }

  /// The sink behind standard output, for writers that stream (CSV, JSON Lines).
  var standardOutput: ByteSink { output }

  /// Writes a line to standard error, clearing a progress bar first.
  func diagnostic(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    clearBarLocked()
    writeToStandardError(Self.neutralized(text) + "\n")
  }

  /// Shows progress: a bar redrawn in place on a terminal, plain stage lines otherwise.
  func progress(_ report: ProgressReport) {
    lock.lock()
    defer { lock.unlock() }
    if isErrorTerminal {
      let width = 30
      var text = ""
      if let fraction = report.fraction {
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded())))
        text =
          "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
          + String(format: "%3d%% ", Int((fraction * 100).rounded()))
      }
      text += Self.neutralized(report.stage)
      if !report.detail.isEmpty { text += ": " + Self.neutralized(report.detail) }
      if text.count > 99 { text = String(text.prefix(98)) + "…" }
      if text == lastDrawnBar { return }
      let padding = max(0, lastDrawnBar.count - text.count)
      writeToStandardError("\r" + text + String(repeating: " ", count: padding))
      lastDrawnBar = text
    } else {
      // Plain lines: one at the start of a stage and at its end, not one per tick.
      guard report.fraction == nil || report.fraction == 0 || report.fraction == 1 else { return }
      var text = report.stage
      if !report.detail.isEmpty { text += ": " + report.detail }
      writeToStandardError(Self.neutralized(text) + "\n")
    }
  }

  /// Ends a progress bar so the next output starts on a clean line.
  func endProgress() {
    lock.lock()
    defer { lock.unlock() }
    clearBarLocked()
  }

  private func clearBarLocked() {
    guard isErrorTerminal, !lastDrawnBar.isEmpty else { return }
    writeToStandardError("\r" + String(repeating: " ", count: lastDrawnBar.count) + "\r")
    lastDrawnBar = ""
  }

  /// `text` with every control character but newline and tab written out as `\u{1B}`: C0
  /// (escape, carriage return, bell, ...), DEL and C1 (U+0080-U+009F, which some terminals
  /// obey as escape sequences), and the bidirectional controls (`\u{202E}`: an account name
  /// must not make the rest of a line read right to left).
  static func neutralized(_ text: String) -> String {
    TerminalText.neutralized(text, controls: .escaped)
  }

  /// Holds descriptors 0, 1 and 2 when the caller closed one (`2>&-`), so that no file the
  /// command opens later takes the number and receives its results or diagnostics.
  ///
  /// The stand-in is `/dev/null` opened the other way round (standard output read-only), so
  /// using the stream still fails with `EBADF` as on a closed descriptor: results are still
  /// reported as unwritable, diagnostics still dropped.
  static func reserveStandardDescriptors() {
    for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open("/dev/null", descriptor == 0 ? O_WRONLY : O_RDONLY)
      if opened >= 0 && opened != descriptor {
        dup2(opened, descriptor)
        close(opened)
      }
    }
  }
}

/// Writes all of `text` to standard error, retrying when interrupted; a failed write (the reader
/// gone, a full disk, a closed descriptor) is dropped: diagnostics and progress never end a run,
/// which stdout's results and the exit code report.
private func writeToStandardError(_ text: String) {
  var text = text
  text.withUTF8 { bytes in
    guard var next = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
      let written = write(2, next, left)
      if written > 0 {
        next += written
        left -= written
      } else if written < 0 && errno == EINTR {
        continue
      } else {
        return
      }
    }
  }
}
