/// One paragraph or bullet of a report: plain text, with the report's own bold and code spans.
///
/// Text is data (a customer's quote, a segment or offer name) and is always escaped when
/// rendered, so `**x**` or `|` in a quote shows as those characters. Only the spans the report
/// marks itself, `\(strong: aspect)` or `\(code: "aftershock forecast")` in an interpolation,
/// become Markdown emphasis or a code span; their content is escaped (or fenced) too.
///
/// ```swift
/// let bullet: InlineText = "\(strong: quote.aspect) (\(quote.segment)): “\(quote.text)”"
/// ```
public struct InlineText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
  /// A run of the text and how it is shown.
  public enum Span: Sendable, Equatable {
    /// Plain text, escaped.
    case text(String)
    /// Bold text (its content escaped).
    case strong(String)
    /// A code span (its content shown as is).
    case code(String)
  }

  /// The runs, in reading order.
  public private(set) var spans: [Span]

  /// Plain text, escaped when rendered.
  public init(_ text: String) {
    spans = text.isEmpty ? [] : [.text(text)]
  }

  /// Bold text (a label the report adds), escaped when rendered.
  public static func strong(_ text: String) -> InlineText {
    "\(strong: text)"
  }

  /// A code span (a command the report names).
  public static func code(_ text: String) -> InlineText {
    "\(code: text)"
  }

  /// Plain text, escaped when rendered.
  public init(stringLiteral value: String) {
    self.init(value)
  }

  /// The text built by an interpolation: literal parts and interpolated values are plain text.
  public init(stringInterpolation: StringInterpolation) {
    spans = stringInterpolation.spans
  }

  /// The text without markup (what a reader sees).
  public var description: String {
    spans.map { span -> String in
      switch span {
      case .text(let text), .strong(let text), .code(let text): return text
      }
    }.joined()
  }

  /// `lhs` followed by `rhs`.
  public static func + (lhs: InlineText, rhs: InlineText) -> InlineText {
    var joined = StringInterpolation(spans: lhs.spans)
    for span in rhs.spans { joined.append(span) }
    return InlineText(stringInterpolation: joined)
  }

  /// Collects the spans of an interpolation.
  public struct StringInterpolation: StringInterpolationProtocol, Sendable {
    fileprivate var spans: [Span] = []

    /// Makes an empty interpolation.
    public init(literalCapacity: Int, interpolationCount: Int) {}

    fileprivate init(spans: [Span]) {
      self.spans = spans
    }

    /// Adds literal text (escaped when rendered).
    public mutating func appendLiteral(_ literal: String) {
      append(.text(literal))
    }

    /// Adds a value as plain text (escaped when rendered).
    public mutating func appendInterpolation<Value>(_ value: Value) {
      append(.text(String(describing: value)))
    }

    /// Adds bold text; `text` itself is escaped.
    public mutating func appendInterpolation(strong text: String) {
      append(.strong(text))
    }

    /// Adds a code span (a command, a file name).
    public mutating func appendInterpolation(code text: String) {
      append(.code(text))
    }

    /// Adds a span, joining runs of plain text into one (so escaping sees their neighbours).
    fileprivate mutating func append(_ span: Span) {
      switch span {
      case .text(let text), .strong(let text), .code(let text):
        guard !text.isEmpty else { return }
      }
      if case .text(let text) = span, case .text(let previous)? = spans.last {
        spans[spans.count - 1] = .text(previous + text)
      } else {
        spans.append(span)
      }
    }
  }
}
