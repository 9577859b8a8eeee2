import Foundation

/// The learning algorithm of a linear sentiment model.
public enum SentimentAlgorithm: String, Codable, Sendable, CaseIterable {
  /// Multinomial naive Bayes over hashed feature counts (Laplace smoothing).
  case naiveBayes = "nb"
  /// Multinomial L2-regularised logistic regression (SGD).
  case logistic
  /// Logistic regression on naive-Bayes-weighted features (NBSVM-style, Wang & Manning 2012;
  /// binary label sets only).
  case nbLogistic = "nb-logistic"
}

/// A fitted linear model over hashed features: scores are `bias + W·x`, probabilities their
/// softmax. Naive Bayes and logistic regression share this form. Immutable and `Sendable`.
public struct LinearSentimentModel: Sendable {
  /// The value of `format` in model files.
  public static let format = "aftershock-sentiment-linear"
  /// The file version this code writes and reads.
  public static let version = 3
  /// The most classes a model may have; the trainer refuses more (a label column with more
  /// distinct values is an id or free text, not classes), and the loader refuses a file with more.
  public static let maximumLabels = 100
  /// The most hashed weights (classes × 2^hashBits) a model may have: 2^26, 256 MiB of `Float`,
  /// held twice while loading. The trainer's default (2^18 buckets) fits 256 classes; 2^24
  /// buckets fit 4. Checked by the trainer and, before anything is allocated, by the loader.
  public static let maximumWeights = 1 << 26
  /// The range of `FeatureOptions.hashBits` the trainer and the loader accept.
  public static let hashBitsRange = 4...24

  /// Why a model of `labels` classes over `hashBits` bits is too large to hold, or nil when it fits.
  static func sizeProblem(labels: Int, hashBits: Int) -> String? {
    if labels > maximumLabels {
      return "\(labels) labels, at most \(maximumLabels) (the trainer makes no more)"
    }
    if labels << hashBits > maximumWeights {
      return "\(labels) labels × 2^\(hashBits) hash buckets = \(labels << hashBits) weights, at most 2^26"
        + " (\(maximumWeights)), the most the trainer makes; use fewer labels or fewer hashBits"
    }
    return nil
  }

  /// Class labels.
  public let labels: [String]
  /// How it was trained.
  public let algorithm: SentimentAlgorithm
  /// How texts become features.
  public let options: FeatureOptions
  /// Fingerprint of the lexicons used for rule features at training time.
  public let lexiconFingerprint: UInt64
  /// Number of training examples.
  public let trainingExamples: Int
  /// Weights, feature-major: `weights[feature * labels.count + class]`.
  let weights: [Float]
  let bias: [Float]
  let width: Int

  var hashBits: Int { options.hashBits }
  let positiveIndex: Int?

  init(
    labels: [String], algorithm: SentimentAlgorithm, options: FeatureOptions, lexiconFingerprint: UInt64,
    trainingExamples: Int, weights: [Float], bias: [Float]
  ) {
    self.labels = labels
    self.algorithm = algorithm
    self.options = options
    self.lexiconFingerprint = lexiconFingerprint
    self.trainingExamples = trainingExamples
    let width = (1 << options.hashBits) + FeatureExtractor.denseCount
    let k = labels.count
    // Stored feature-major (all classes of a feature in one cache line) for prediction.
    var featureMajor = [Float](repeating: 0, count: weights.count)
    for c in 0..<k {
      for f in 0..<width { featureMajor[f * k + c] = weights[c * width + f] }
    }
    self.weights = featureMajor
    self.bias = bias
    self.width = width
    positiveIndex = positiveLabelIndex(labels)
  }

  /// Extracts the features of the text in `buffer` (its tokens and rule `scores`) into `f` and
  /// predicts from them, without allocating. A two-class model's weights are summed during the
  /// extraction, each as its bucket is found, rather than in a pass over the buckets after it.
  func predict(
    _ buffer: TokenBuffer, lexicon: TextLexicon, scores: SentimentScores, features f: FeatureExtractor
  ) -> SentimentPrediction {
    if labels.count == 2 {
      weights.withUnsafeBufferPointer { w in
        f.extract(
          from: buffer, lexicon: lexicon, scores: scores, options: options, pairWeights: w.baseAddress,
          bias: SIMD2(Double(bias[0]), Double(bias[1])))
      }
    } else {
      f.extract(from: buffer, lexicon: lexicon, scores: scores, options: options)
    }
    return predict(f)
  }

  /// Predicts from the features in `f` without allocating (`f.pairSums`, when there, must come
  /// from this model's weights).
  func predict(_ f: FeatureExtractor) -> SentimentPrediction {
    let k = labels.count
    let d = f.dense
    let idx = f.indices
    let dense = (1 << options.hashBits) * k
    return weights.withUnsafeBufferPointer { w in
      do {
        // Two classes (the common case) in one pass over the features, each sum in the same
        // order as the general loop.
        var pair: (Double, Double) = (0, 0)
        if k == 2, let sums = f.pairSums {
          pair = (sums.x, sums.y)
        } else if k == 2 {
          var s0 = Double(bias[0])
          var s1 = Double(bias[1])
          for i in idx {
            let f = Int(i) &* 2
            s0 += Double(w[f])
            s1 += Double(w[f &+ 1])
          }
          pair = (s0, s1)
        }
        func score(_ c: Int) -> Double {
          var s: Double
          if k == 2 {
            s = c == 0 ? pair.0 : pair.1
          } else {
            s = Double(bias[c])
            for i in idx { s += Double(w[Int(i) &* k &+ c]) }
          }
          s += d.0 * Double(w[dense + c]) + d.1 * Double(w[dense + k + c]) + d.2 * Double(w[dense + 2 * k + c])
          return s
        }
        if k == 2 {
          // The softmax below with the one `exp` it needs instead of three, and the same numbers:
          // its first step is `0 * exp(-inf) + 1`, exactly 1; its second adds the `exp` of the
          // lower score minus the higher one; and the positive class's `exp(score - max)` is that
          // same `exp` or `exp(0)`, exactly 1. (Infinite or NaN scores take the general path.)
          let s0 = score(0)
          let s1 = score(1)
          if s0.isFinite && s1.isFinite {
            let oneWins = s1 > s0
            let e = oneWins ? exp(s0 - s1) : exp(s1 - s0)
            let sum = e + 1
            let positive = positiveIndex.map { p in (p == 1) == oneWins ? 1 / sum : e / sum }
            return SentimentPrediction(labelIndex: oneWins ? 1 : 0, probability: 1 / sum, positiveProbability: positive)
          }
        }
        var best = 0
        var bestScore = -Double.infinity
        var maxScore = -Double.infinity
        var sum = 0.0
        var positiveScore = 0.0
        for c in 0..<k {
          let s = score(c)
          if c == positiveIndex { positiveScore = s }
          if s > bestScore {
            bestScore = s
            best = c
          }
          if s > maxScore {
            sum = sum * exp(maxScore - s) + 1
            maxScore = s
          } else {
            sum += exp(s - maxScore)
          }
        }
        let positive = positiveIndex.map { _ in exp(positiveScore - maxScore) / sum }
        return SentimentPrediction(labelIndex: best, probability: 1 / sum, positiveProbability: positive)
      }
    }
  }

  // MARK: - Files

  private struct File: Codable {
    var format: String
    var version: Int
    var algorithm: SentimentAlgorithm
    var labels: [String]
    var options: FeatureOptions
    var lexiconFingerprint: String
    var trainingExamples: Int
    var bias: [Float]
    /// Non-zero feature columns (bucket index; the dense rule inputs follow the buckets).
    var indices: [Int32]
    /// Per class, the weights of `indices`.
    var weights: [[Float]]
  }

  /// Writes the model as JSON (`format`, `version`, labels, options, sparse weights).
  public func save(to path: String) throws {
    var indices: [Int32] = []
    var perClass = [[Float]](repeating: [], count: labels.count)
    for i in 0..<width {
      var any = false
      for c in 0..<labels.count where weights[i * labels.count + c] != 0 { any = true }
      guard any else { continue }
      indices.append(Int32(i))
      for c in 0..<labels.count { perClass[c].append(weights[i * labels.count + c]) }
    }
    let file = File(
      format: Self.format, version: Self.version, algorithm: algorithm, labels: labels, options: options,
      lexiconFingerprint: String(lexiconFingerprint, radix: 16), trainingExamples: trainingExamples, bias: bias,
      indices: indices, weights: perClass)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      let data = try encoder.encode(file)
      let tmp = path + ".tmp-\(getpid())"
      try data.write(to: URL(fileURLWithPath: tmp))
      if rename(tmp, path) != 0 {
        unlink(tmp)
        throw TextError.unwritableModelFile(path: path, reason: String(cString: strerror(errno)))
      }
    } catch let error as TextError {
      throw error
    } catch {
      throw TextError.unwritableModelFile(path: path, reason: error.localizedDescription)
    }
  }

  /// The largest weight or bias a model file may hold (`init(contentsOf:)`).
  static let weightLimit: Float = 10_000

  /// Reads a model written by `save(to:)`.
  public init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TextError.unreadable(path, expected: "a sentiment model file (written by 'aftershock sentiment train')")
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: data)
    } catch {
      throw TextError.invalidModelFile(path: path, reason: "not a model JSON file (\(error))")
    }
    guard file.format == Self.format else {
      throw TextError.invalidModelFile(path: path, reason: "format is '\(file.format)', expected '\(Self.format)'")
    }
    guard file.version == Self.version else {
      throw TextError.invalidModelFile(
        path: path,
        reason: "version \(file.version), this build reads \(Self.version)"
          + (file.version < Self.version
            ? " (older models hash their features differently and count each once: retrain with"
              + " `aftershock sentiment train`)" : ""))
    }
    let k = file.labels.count
    guard k >= 2, file.bias.count == k, file.weights.count == k,
      file.weights.allSatisfy({ $0.count == file.indices.count })
    else {
      throw TextError.invalidModelFile(path: path, reason: "labels, bias and weights do not agree in size")
    }
    guard Self.hashBitsRange.contains(file.options.hashBits) else {
      throw TextError.invalidModelFile(
        path: path,
        reason:
          "hashBits \(file.options.hashBits), expected \(Self.hashBitsRange.lowerBound) to \(Self.hashBitsRange.upperBound)"
      )
    }
    // Before the dense weights are allocated: a small file can ask for gigabytes.
    if let problem = Self.sizeProblem(labels: k, hashBits: file.options.hashBits) {
      throw TextError.invalidModelFile(path: path, reason: problem)
    }
    // A sum of such weights would overflow to infinity and every text would score the same; the
    // trainer's are a few units (the shipped model's largest is below 2).
    let limit = Self.weightLimit
    guard file.bias.allSatisfy({ $0.isFinite && abs($0) <= limit }),
      file.weights.allSatisfy({ $0.allSatisfy { $0.isFinite && abs($0) <= limit } })
    else {
      throw TextError.invalidModelFile(
        path: path, reason: "a weight or bias beyond ±\(Int(limit)), which no trained model has")
    }
    let width = (1 << file.options.hashBits) + FeatureExtractor.denseCount
    var weights = [Float](repeating: 0, count: k * width)
    for (j, index) in file.indices.enumerated() {
      guard index >= 0 && Int(index) < width else {
        throw TextError.invalidModelFile(path: path, reason: "feature index \(index) out of range")
      }
      for c in 0..<k { weights[c * width + Int(index)] = file.weights[c][j] }
    }
    self.init(
      labels: file.labels, algorithm: file.algorithm, options: file.options,
      lexiconFingerprint: UInt64(file.lexiconFingerprint, radix: 16) ?? 0, trainingExamples: file.trainingExamples,
      weights: weights, bias: file.bias)
  }
}

/// A trained linear model with its own analyzer, as a `SentimentModel`.
public final class LinearSentimentClassifier: SentimentModel {
  /// The fitted model.
  public let model: LinearSentimentModel
  let analyzer: TextAnalyzer

  /// Wraps `model`; `lexicon` must be the one it was trained with (see `lexiconFingerprint`).
  public init(model: LinearSentimentModel, lexicon: TextLexicon) {
    self.model = model
    analyzer = TextAnalyzer(lexicon: lexicon, model: model)
  }

  public var labels: [String] { model.labels }

  public func predict(utf8 text: UnsafeRawBufferPointer) -> SentimentPrediction {
    analyzer.analyze(utf8: text).modelPrediction
      ?? SentimentPrediction(labelIndex: 0, probability: 0, positiveProbability: nil)
  }
}
