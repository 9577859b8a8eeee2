import AftershockText
import Foundation

extension SentimentPipeline {
  /// Renames a data set's labels before a model sees them (`--label-map`): star ratings or
  /// Sentiment140's 0/2/4 become the classes the rules and the shipped model know, and a
  /// label mapped to nothing drops its rows ("3=" leaves out three-star reviews).
  ///
  /// A label matches a pair's `from` ignoring case, and numbers match by value ("4" is "4.0").
  /// Labels the map does not name are kept as they are.
  public struct LabelMap: Sendable, Equatable {
    /// One `from=to` pair; `to` nil drops the rows.
    public struct Pair: Sendable, Equatable {
      /// The label as written in the map.
      public var from: String
      /// Its new name, or nil to drop its rows.
      public var to: String?
    }

    /// The pairs in the order given.
    public private(set) var pairs: [Pair]

    /// Parses `from=to` pairs separated by commas: `0=negative,2=neutral,4=positive`,
    /// `1=negative,2=negative,3=,4=positive,5=positive`.
    /// - Throws: `PipelineError` naming the pair that has no `=` or no label before it, or a
    ///   label given twice.
    public init(parsing spec: String) throws {
      pairs = []
      var seen: [String: String] = [:]
      for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
        let pair = part.trimmingCharacters(in: .whitespaces)
        if pair.isEmpty {
          throw PipelineError.failed("--label-map '\(spec)' has an empty pair; write FROM=TO pairs separated by commas")
        }
        guard let equals = pair.firstIndex(of: "=") else {
          throw PipelineError.failed(
            "--label-map pair '\(pair)' has no '='; write FROM=TO (TO empty drops those rows), e.g. 0=negative,4=positive"
          )
        }
        let from = pair[..<equals].trimmingCharacters(in: .whitespaces)
        let to = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if from.isEmpty {
          throw PipelineError.failed("--label-map pair '\(pair)' has no label before '='")
        }
        let key = Self.key(from)
        if let earlier = seen[key] {
          throw PipelineError.failed(
            "--label-map names the label '\(from)' twice"
              + (earlier == from ? "" : " ('\(earlier)' and '\(from)' are the same label)"))
        }
        seen[key] = from
        pairs.append(Pair(from: from, to: to.isEmpty ? nil : to))
      }
    }

    /// What a label is matched by: its number's value, or its lower-cased text.
    static func key(_ label: String) -> String {
      if let value = Double(label), value.isFinite { return "#\(value == 0 ? 0 : value)" }
      return label.lowercased()
    }

    /// Renames the labels of `data` and drops the rows mapped to nothing; returns the pairs
    /// that matched no label, for a warning.
    public func apply(to data: inout LabelledTexts) -> [Pair] {
      var target: [String: (index: Int, to: String?)] = [:]
      for (index, pair) in pairs.enumerated() { target[Self.key(pair.from)] = (index, pair.to) }
      var used = [Bool](repeating: false, count: pairs.count)
      var texts: [String] = []
      var labels: [String] = []
      texts.reserveCapacity(data.texts.count)
      labels.reserveCapacity(data.labels.count)
      var dropped = 0
      for (text, label) in zip(data.texts, data.labels) {
        guard let match = target[Self.key(label)] else {
          texts.append(text)
          labels.append(label)
          continue
        }
        used[match.index] = true
        if let to = match.to {
          texts.append(text)
          labels.append(to)
        } else {
          dropped += 1
        }
      }
      data.texts = texts
      data.labels = labels
      data.droppedByLabelMap += dropped
      return pairs.indices.filter { !used[$0] }.map { pairs[$0] }
    }
  }

  /// A trained model's labels renamed to the data's when both spell the same classes
  /// differently: the shipped model says "0"/"1", a data set "negative"/"positive". Nil when
  /// the data's labels are the model's own, or either side has a label that is no class.
  static func alignedLabels(model: [String], data: [String]) -> [String]? {
    let dataLabels = Array(Set(data)).sorted()
    if Set(dataLabels).isSubset(of: model) { return nil }
    let modelClasses = RuleSentimentClassifier.classNames(of: model)
    let dataClasses = RuleSentimentClassifier.classNames(of: dataLabels)
    guard modelClasses.allSatisfy({ $0 != nil }), Set(modelClasses).count == model.count else { return nil }
    var dataLabelOf: [String: String] = [:]
    for (label, name) in zip(dataLabels, dataClasses) {
      guard let name else { continue }
      if dataLabelOf[name] != nil { return nil }
      dataLabelOf[name] = label
    }
    let renamed = zip(model, modelClasses).map { label, name in dataLabelOf[name!] ?? label }
    return renamed == model || Set(renamed).count != renamed.count ? nil : renamed
  }
}

/// A model whose labels are shown under other names (`SentimentPipeline.alignedLabels`).
final class RelabelledSentimentModel: SentimentModel {
  let base: any SentimentModel
  let labels: [String]

  init(_ base: any SentimentModel, labels: [String]) {
    precondition(labels.count == base.labels.count, "one new name per label")
    self.base = base
    self.labels = labels
  }

  func predict(utf8 text: UnsafeRawBufferPointer) -> SentimentPrediction { base.predict(utf8: text) }
}
