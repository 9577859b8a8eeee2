/// A small SVG writer: a white page with a title, and shapes whose coordinates print with fixed precision.
struct SVGCanvas {
  let width: Int
  let height: Int
  private var body: String = ""

  /// Colour-blind-safe series colours (Okabe & Ito, 2008).
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000"]
  static let axisColour = "#333333"
  static let gridColour = "#e6e6e6"
  static let textColour = "#222222"

  init(width: Int, height: Int) {
    self.width = max(width, 160)
    self.height = max(height, 120)
  }

  /// The finished document.
  func rendered(title: String) -> String {
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
    out += "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n"
    out += "<title>\(Self.escape(title))</title>\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    out += body
    out += "</svg>\n"
    return out
  }

  static func number(_ value: Double) -> String { FixedFormat.compact(value, decimals: 2) }

  /// Escapes text for SVG content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\r", "\t": out += " "
      default:
        // Other control characters are not allowed in XML 1.0.
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0xFFFE
          || scalar.value == 0xFFFF
        {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil) {
    body += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" "
    body += "height=\"\(Self.number(max(height, 0)))\" fill=\"\(fill)\""
    if let opacity { body += " fill-opacity=\"\(Self.number(opacity))\"" }
    body += "/>\n"
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false
  ) {
    body += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
    body += "y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
    if dashed { body += " stroke-dasharray=\"4 3\"" }
    body += "/>\n"
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
    guard !points.isEmpty else { return }
    body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" "
    body += "stroke-linejoin=\"round\" points=\"\(Self.pointList(points))\"/>\n"
  }

  mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
    guard points.count >= 3 else { return }
    body += "<polygon fill=\"\(fill)\" fill-opacity=\"\(Self.number(opacity))\" stroke=\"none\" "
    body += "points=\"\(Self.pointList(points))\"/>\n"
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
    body +=
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>\n"
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Int = 12, bold: Bool = false,
    fill: String = SVGCanvas.textColour, rotation: Double? = nil
  ) {
    body += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-family=\"sans-serif\" font-size=\"\(size)\""
    if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
    if bold { body += " font-weight=\"bold\"" }
    body += " fill=\"\(fill)\""
    if let rotation {
      body += " transform=\"rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))\""
    }
    body += ">\(Self.escape(content))</text>\n"
  }

  /// The title line at the top of the page: a long title is set smaller (down to 12 px) before
  /// it is cut ("Kaplan–Meier survival since contract start, accounts at risk from 2024-07-20"
  /// was cut at "(Kaplan–Meier, 9…": an outside audit).
  mutating func title(_ title: String) {
    let room = Double(width) - 24
    var size = 16
    while size > 12 && Self.estimatedWidth(title, size: size) > room { size -= 1 }
    text(
      Self.truncated(title, pixels: room, size: size), x: Double(width) / 2, y: 26, anchor: .middle, size: size,
      bold: true)
  }

  /// The width of the legend's column at the right of a plot: room for the longest name (a
  /// swatch, the name, margins), from 170 px to 40% of the page; a fixed 170 cut "mean sentiment
  /// (95% CI)" to "mean sentiment (9…" (an outside audit).
  static func legendColumnWidth(_ names: [String], pageWidth: Int) -> Double {
    let longest = names.map { estimatedWidth($0, size: 12) }.max() ?? 0
    return min(max(longest + 18 + 36, 170), Double(pageWidth) * 0.4)
  }

  /// A legend box at the top right: a swatch and a name per entry.
  mutating func legend(
    _ entries: [(name: String, colour: String, opacity: Double)], x: Double, y: Double, maximumWidth: Double
  ) {
    for (index, entry) in entries.enumerated() {
      let rowY = y + Double(index) * 20
      rect(
        x: x, y: rowY - 10, width: 12, height: 12, fill: entry.colour, opacity: entry.opacity < 1 ? entry.opacity : nil)
      text(Self.truncated(entry.name, pixels: maximumWidth - 18, size: 12), x: x + 18, y: rowY, size: 12)
    }
  }

  /// Text cut with `…` to about `pixels` wide at `size` (estimated at 0.6 em per character).
  static func truncated(_ text: String, pixels: Double, size: Int) -> String {
    let maximum = max(Int(pixels / (Double(size) * 0.6)), 2)
    guard text.count > maximum else { return text }
    return String(text.prefix(maximum - 1)) + "…"
  }

  /// The estimated width in pixels of `text` at `size`.
  static func estimatedWidth(_ text: String, size: Int) -> Double {
    Double(text.count) * Double(size) * 0.6
  }

  private static func pointList(_ points: [(Double, Double)]) -> String {
    points.map { number($0.0) + "," + number($0.1) }.joined(separator: " ")
  }
}
