import AftershockPipeline
import AftershockReport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command's results (stdout) and diagnostics and progress (stderr) go.
final class Console: @unchecked Sendable {
  private let output = ByteSink()
  private let lock = NSLock()
  private var lastDrawnBar = ""
  /// Whether standard error is a terminal (then progress is drawn as a bar).
  let isErrorTerminal = isatty(2) == 1
  /// Whether standard output is a terminal.
  let isOutputTerminal = isatty(1) == 1

  /// Writes text to standard output (buffered; flushed by ``flush()``).
  func write(_ text: String) throws(ReportError) {
    try output.write(text)
  }

  /// Writes a line to standard output.
  func line(_ text: String = "") throws(ReportError) {
    try output.write(text)
    try output.write(byte: 0x0A)
  }

  /// Flushes standard output.
  func flush() throws(ReportError) {
    try output.flush()
  }

  /// The sink behind standard output, for writers that stream (CSV, JSON Lines).
  var standardOutput: ByteSink { output }

  /// Writes a line to standard error, clearing a progress bar first.
  func diagnostic(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    clearBarLocked()
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
        text = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
          + String(format: "%3d%% ", Int((fraction * 100).rounded()))
      }
      text += report.stage
      if !report.detail.isEmpty { text += ": " + report.detail }
      if text.count > 99 { text = String(text.prefix(98)) + "…" }
      if text == lastDrawnBar { return }
      let padding = max(0, lastDrawnBar.count - text.count)
      FileHandle.standardError.write(Data(("\r" + text + String(repeating: " ", count: padding)).utf8))
      lastDrawnBar = text
    } else {
      // Plain lines: one at the start of a stage and at its end, not one per tick.
      guard report.fraction == nil || report.fraction == 0 || report.fraction == 1 else { return }
      var text = report.stage
      if !report.detail.isEmpty { text += ": " + report.detail }
      FileHandle.standardError.write(Data((text + "\n").utf8))
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
    FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: lastDrawnBar.count) + "\r").utf8))
    lastDrawnBar = ""
  }
}
