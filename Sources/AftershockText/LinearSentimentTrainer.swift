import Foundation

/// Trains a `LinearSentimentModel` (configuration in init, `fit` returns the fitted model).
public struct LinearSentimentTrainer: SentimentTrainer, Sendable {
  /// Hyperparameters.
  public struct Configuration: Sendable, Equatable {
    /// The algorithm.
    public var algorithm: SentimentAlgorithm
    /// Feature options (hash size, bigrams, negation marking, rule features).
    public var features: FeatureOptions
    /// L2 penalty per example for logistic regression (objective: mean log-loss + l2/2·|w|²).
    public var l2: Double
    /// Passes over the data for logistic regression.
    public var epochs: Int
    /// Initial SGD step (decays as 1/(1 + step·l2·t), Bottou 2012).
    public var learningRate: Double
    /// Laplace smoothing for naive Bayes (and NB weights).
    public var smoothing: Double
    /// Seed for the SGD example order.
    public var seed: UInt64

    /// Defaults chosen once on general grounds (not per data set).
    public init(
      algorithm: SentimentAlgorithm = .logistic, features: FeatureOptions = FeatureOptions(), l2: Double = 1e-4,
      epochs: Int = 15, learningRate: Double = 0.2, smoothing: Double = 1.0, seed: UInt64 = 42
    ) {
      self.algorithm = algorithm
      self.features = features
      self.l2 = l2
      self.epochs = epochs
      self.learningRate = learningRate
      self.smoothing = smoothing
      self.seed = seed
    }
  }

  /// The configuration.
  public let configuration: Configuration
  /// The lexicons used for tokenizing and rule features.
  public let lexicon: TextLexicon

  /// A trainer with `configuration` over `lexicon`.
  public init(configuration: Configuration = Configuration(), lexicon: TextLexicon) {
    self.configuration = configuration
    self.lexicon = lexicon
  }

  /// Fits the model on texts and their labels (any strings; classes sorted by name).
  public func fit(texts: [String], labels: [String]) throws -> LinearSentimentModel {
    let c = configuration
    guard texts.count == labels.count else {
      throw TextError.invalidTrainingData(reason: "\(texts.count) texts but \(labels.count) labels")
    }
    guard !texts.isEmpty else { throw TextError.invalidTrainingData(reason: "no examples") }
    let classes = Array(Set(labels)).sorted()
    guard classes.count >= 2 else {
      throw TextError.invalidTrainingData(reason: "only one class ('\(classes[0])'); need at least two")
    }
    guard LinearSentimentModel.hashBitsRange.contains(c.features.hashBits) else {
      throw TextError.invalidParameter(name: "hashBits", value: "\(c.features.hashBits)", expected: "4...24")
    }
    try Self.checkLabelCount(classes: classes.count, examples: labels.count)
    if let problem = LinearSentimentModel.sizeProblem(labels: classes.count, hashBits: c.features.hashBits) {
      throw TextError.invalidParameter(name: "model size", value: problem, expected: "a model the loader can read back")
    }
    guard c.epochs >= 1, c.l2 >= 0, c.learningRate > 0, c.smoothing > 0 else {
      throw TextError.invalidParameter(
        name: "configuration", value: "\(c)", expected: "epochs >= 1, l2 >= 0, learningRate > 0, smoothing > 0")
    }
    if c.algorithm == .nbLogistic && classes.count != 2 {
      throw TextError.invalidParameter(
        name: "algorithm", value: "nb-logistic",
        expected: "a binary label set (use logistic for \(classes.count) classes)")
    }
    let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let y = labels.map { classIndex[$0]! }

    // Features once (CSR).
    // The word hashes are the features; an analyzer without a model would leave them out.
    let analyzer = TextAnalyzer(lexicon: lexicon, model: nil, wordHashes: true)
    let extractor = FeatureExtractor(hashBits: c.features.hashBits)
    var offsets = [0]
    var columns: [Int32] = []
    var dense: [Double] = []
    offsets.reserveCapacity(texts.count + 1)
    for text in texts {
      var copy = text
      copy.withUTF8 { bytes in
        analyzer.prepare(utf8: UnsafeRawBufferPointer(bytes))
        extractor.extract(
          from: analyzer.buffer, lexicon: lexicon, scores: analyzer.lastScores, options: c.features)
      }
      columns.append(contentsOf: extractor.indices)
      offsets.append(columns.count)
      dense.append(extractor.dense.0)
      dense.append(extractor.dense.1)
      dense.append(extractor.dense.2)
    }
    let data = TrainingMatrix(
      offsets: offsets, columns: columns, dense: dense, y: y, classes: classes.count,
      buckets: 1 << c.features.hashBits)
    let (weights, bias): ([Float], [Float])
    switch c.algorithm {
    case .naiveBayes:
      (weights, bias) = data.naiveBayes(smoothing: c.smoothing)
    case .logistic:
      (weights, bias) = data.logistic(c, featureScale: nil)
    case .nbLogistic:
      let ratio = data.logCountRatio(smoothing: c.smoothing)
      var (w, b) = data.logistic(c, featureScale: ratio)
      // Fold the NB scaling into the weights so prediction stays `bias + W·x` on the counts x.
      for k in 0..<2 {
        for f in 0..<data.buckets { w[k * data.width + f] *= Float(ratio[f]) }
      }
      (weights, bias) = (w, b)
    }
    return LinearSentimentModel(
      labels: classes, algorithm: c.algorithm, options: c.features, lexiconFingerprint: lexicon.fingerprint,
      trainingExamples: texts.count, weights: weights, bias: bias)
  }

  /// Refuses a label set that is not classes: more than `LinearSentimentModel.maximumLabels`
  /// distinct labels, or more than 10 with fewer than two examples each on average (an id or
  /// free-text column given as the label). Such a "model" costs gigabytes (a weight per class and
  /// hash bucket) and minutes, and predicts nothing.
  /// - Throws: `TextError.invalidTrainingData` naming the counts.
  public static func checkLabelCount(classes: Int, examples: Int) throws {
    guard classes > LinearSentimentModel.maximumLabels || (classes > 10 && classes * 2 > examples) else { return }
    throw TextError.invalidTrainingData(
      reason: "the label column has \(classes) distinct values in \(examples) rows; that looks like an id or"
        + " free-text column, not classes (a model takes at most \(LinearSentimentModel.maximumLabels) labels,"
        + " each with two examples or more on average); is it the right label column?")
  }

  public func fitClassifier(texts: [String], labels: [String]) throws -> any SentimentModel {
    LinearSentimentClassifier(model: try fit(texts: texts, labels: labels), lexicon: lexicon)
  }
}

/// Sparse count training data in compressed rows (a column once per occurrence), with the
/// dense rule inputs.
struct TrainingMatrix {
  let offsets: [Int]
  let columns: [Int32]
  let dense: [Double]
  let y: [Int]
  let classes: Int
  let buckets: Int
  var width: Int { buckets + FeatureExtractor.denseCount }
  var rows: Int { y.count }

  /// Multinomial NB over the feature counts; unseen buckets get weight 0 in every class.
  func naiveBayes(smoothing alpha: Double) -> ([Float], [Float]) {
    var counts = [Double](repeating: 0, count: classes * buckets)
    var classDocs = [Double](repeating: 0, count: classes)
    var seen = [Bool](repeating: false, count: buckets)
    for r in 0..<rows {
      classDocs[y[r]] += 1
      for i in offsets[r]..<offsets[r + 1] {
        counts[y[r] * buckets + Int(columns[i])] += 1
        seen[Int(columns[i])] = true
      }
    }
    let vocabulary = Double(seen.lazy.filter { $0 }.count)
    var weights = [Float](repeating: 0, count: classes * width)
    var bias = [Float](repeating: 0, count: classes)
    for k in 0..<classes {
      var total = 0.0
      for f in 0..<buckets { total += counts[k * buckets + f] }
      let denominator = total + alpha * vocabulary
      for f in 0..<buckets where seen[f] {
        weights[k * width + f] = Float(((counts[k * buckets + f] + alpha) / denominator).logValue)
      }
      bias[k] = Float((classDocs[k] / Double(rows)).logValue)
    }
    return (weights, bias)
  }

  /// NB log-count ratio per bucket for class 1 vs class 0 (Wang & Manning 2012, eq. 2).
  func logCountRatio(smoothing alpha: Double) -> [Double] {
    var p = [Double](repeating: alpha, count: buckets)
    var q = [Double](repeating: alpha, count: buckets)
    for r in 0..<rows {
      for i in offsets[r]..<offsets[r + 1] {
        if y[r] == 1 { p[Int(columns[i])] += 1 } else { q[Int(columns[i])] += 1 }
      }
    }
    let ps = p.reduce(0, +)
    let qs = q.reduce(0, +)
    return (0..<buckets).map { ((p[$0] / ps) / (q[$0] / qs)).logValue }
  }

  /// Multinomial logistic regression by SGD with exact lazy L2 (weight = scale · v).
  func logistic(_ c: LinearSentimentTrainer.Configuration, featureScale: [Double]?) -> ([Float], [Float]) {
    var v = [Double](repeating: 0, count: classes * width)
    var bias = [Double](repeating: 0, count: classes)
    var scale = 1.0
    var order = Array(0..<rows)
    var rng = SplitMix64(seed: c.seed)
    var t = 0.0
    var scores = [Double](repeating: 0, count: classes)
    let lambda = c.l2
    for _ in 0..<c.epochs {
      for i in stride(from: rows - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      for r in order {
        let eta = c.learningRate / (1 + c.learningRate * lambda * t)
        t += 1
        let lo = offsets[r]
        let hi = offsets[r + 1]
        var maxScore = -Double.infinity
        for k in 0..<classes {
          let base = k * width
          var s = 0.0
          for i in lo..<hi {
            let f = Int(columns[i])
            s += v[base + f] * (featureScale?[f] ?? 1)
          }
          for d in 0..<FeatureExtractor.denseCount { s += v[base + buckets + d] * dense[r * 3 + d] }
          scores[k] = s * scale + bias[k]
          maxScore = max(maxScore, scores[k])
        }
        var sum = 0.0
        for k in 0..<classes {
          scores[k] = exp(scores[k] - maxScore)
          sum += scores[k]
        }
        scale *= 1 - eta * lambda
        if scale < 1e-9 {
          for i in v.indices { v[i] *= scale }
          scale = 1
        }
        for k in 0..<classes {
          let g = scores[k] / sum - (y[r] == k ? 1 : 0)
          if g == 0 { continue }
          let step = eta * g / scale
          let base = k * width
          for i in lo..<hi {
            let f = Int(columns[i])
            v[base + f] -= step * (featureScale?[f] ?? 1)
          }
          for d in 0..<FeatureExtractor.denseCount { v[base + buckets + d] -= step * dense[r * 3 + d] }
          bias[k] -= eta * g
        }
      }
    }
    return (v.map { Float($0 * scale) }, bias.map { Float($0) })
  }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014).
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

extension Double {
  fileprivate var logValue: Double { Foundation.log(self) }
}
