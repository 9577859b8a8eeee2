import Foundation

/// The JSON form of a fitted model (`"kind": "gbdt"`): features with their bin edges, then the
/// trees as arrays of nodes (split feature, threshold bin and value, missing direction, category
/// set, children, leaf value, cover), so another tool can score it or explain it with TreeSHAP.
private struct ModelDocument: Codable {
  struct Feature: Codable {
    var name: String
    var kind: BoostingFeatureKind
    /// Numeric: upper edges of bins 0..<n-1 (bin i holds edge[i-1] < x <= edge[i]); empty for categorical.
    var binEdges: [Double]
    var hasMissing: Bool
  }
  struct Node: Codable {
    var feature: Int?
    var thresholdBin: Int?
    var threshold: Double?
    var missingGoesLeft: Bool?
    var categoriesLeft: [Int]?
    var left: Int?
    var right: Int?
    var value: Double
    var cover: Double
    var count: Int
    var gain: Double?
  }
  struct Tree: Codable {
    var nodes: [Node]
  }

  var kind: String
  var version: Int
  var objective: String
  var baseline: Double
  var features: [Feature]
  var configuration: GradientBoostingConfiguration
  var summary: BoostingTrainingSummary
  var trees: [Tree]
}

extension GradientBoostedTrees: Codable {
  /// Format version written by this build (2: the summary lists every averaged model; version 1
  /// files, one model with its summary at top level, are still read).
  public static let jsonVersion = 2

  /// Encodes the documented JSON form (so a `ChurnModel` file can embed the trees).
  public func encode(to encoder: Encoder) throws {
    let features = featureNames.indices.map { index in
      ModelDocument.Feature(
        name: featureNames[index], kind: featureKinds[index], binEdges: bins[index].thresholds,
        hasMissing: bins[index].hasMissing)
    }
    let documentTrees = trees.map { tree in
      ModelDocument.Tree(
        nodes: tree.nodes.map { node in
          if node.isLeaf {
            return ModelDocument.Node(value: node.value, cover: node.cover, count: Int(node.sampleCount))
          }
          var codes: [Int]? = nil
          if node.isCategorical {
            codes = (0..<255).filter { BoostedTreeNode.contains(node.categoriesLeft, $0) }
          }
          return ModelDocument.Node(
            feature: Int(node.feature), thresholdBin: node.isCategorical ? nil : Int(node.thresholdBin),
            threshold: node.isCategorical ? nil : node.threshold, missingGoesLeft: node.missingGoesLeft,
            categoriesLeft: codes, left: Int(node.left), right: Int(node.right), value: node.value,
            cover: node.cover, count: Int(node.sampleCount), gain: node.gain)
        })
    }
    let document = ModelDocument(
      kind: "gbdt", version: Self.jsonVersion, objective: "binary_logloss", baseline: baseline,
      features: features, configuration: configuration, summary: summary, trees: documentTrees)
    try document.encode(to: encoder)
  }

  /// Decodes the JSON form, checking kind, version and every node index.
  public init(from decoder: Decoder) throws {
    let document = try ModelDocument(from: decoder)
    try self.init(document: document, path: "(embedded)")
  }

  /// The model as JSON (UTF-8), readable by `init(jsonData:)`.
  public func jsonData() throws(ModelError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return try encoder.encode(self)
    } catch {
      throw .cannotWriteModel(path: "-", reason: "\(error)")
    }
  }

  /// A model read back from `jsonData()` output; it predicts exactly as the model that wrote it.
  /// `path` only names the source in errors.
  public init(jsonData: Data, path: String = "(bytes)") throws(ModelError) {
    struct Header: Decodable {
      var kind: String?
      var version: Int?
    }
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: jsonData)
    } catch {
      throw .unreadableModel(path: path, reason: "not a JSON object (\(error))")
    }
    guard header.kind == "gbdt", let version = header.version, (1...Self.jsonVersion).contains(version) else {
      throw .unsupportedModel(
        path: path, format: "gradient-boosted trees", version: header.version ?? 0, kind: header.kind ?? "none")
    }
    let document: ModelDocument
    do {
      document = try decoder.decode(ModelDocument.self, from: jsonData)
    } catch {
      throw .unreadableModel(path: path, reason: "\(error)")
    }
    try self.init(document: document, path: path)
  }

  private init(document: ModelDocument, path: String) throws(ModelError) {
    guard document.kind == "gbdt", (1...Self.jsonVersion).contains(document.version) else {
      throw .unsupportedModel(
        path: path, format: "gradient-boosted trees", version: document.version, kind: document.kind)
    }
    var bins: [FeatureBins] = []
    for feature in document.features {
      switch feature.kind {
      case .numeric:
        guard zip(feature.binEdges, feature.binEdges.dropFirst()).allSatisfy({ $0 < $1 }),
          feature.binEdges.count < 255
        else {
          throw .unreadableModel(
            path: path, reason: "bin edges of feature '\(feature.name)' are not increasing or too many")
        }
        bins.append(
          FeatureBins(
            kind: .numeric, thresholds: feature.binEdges, nonMissingBinCount: feature.binEdges.count + 1,
            hasMissing: feature.hasMissing))
      case .categorical:
        bins.append(
          FeatureBins(kind: .categorical, thresholds: [], nonMissingBinCount: 255, hasMissing: feature.hasMissing))
      }
    }
    var trees: [BoostedTree] = []
    for (treeIndex, tree) in document.trees.enumerated() {
      var nodes: [BoostedTreeNode] = []
      for (index, node) in tree.nodes.enumerated() {
        var built = BoostedTreeNode(value: node.value, cover: node.cover, sampleCount: Int32(clamping: node.count))
        if let feature = node.feature {
          guard feature >= 0, feature < bins.count, let left = node.left, let right = node.right,
            left > index, right > index, left < tree.nodes.count, right < tree.nodes.count
          else {
            throw .unreadableModel(
              path: path, reason: "tree \(treeIndex) node \(index) has a bad feature or child index")
          }
          built.feature = Int32(feature)
          built.left = Int32(left)
          built.right = Int32(right)
          built.missingGoesLeft = node.missingGoesLeft ?? false
          built.gain = node.gain ?? 0
          if bins[feature].kind == .categorical {
            built.isCategorical = true
            for code in node.categoriesLeft ?? [] where (0..<255).contains(code) {
              built.categoriesLeft[code >> 6] |= 1 << UInt64(code & 63)
            }
            if built.missingGoesLeft { built.categoriesLeft[3] |= 1 << 63 }
          } else {
            guard let bin = node.thresholdBin, let threshold = node.threshold, (0..<255).contains(bin) else {
              throw .unreadableModel(path: path, reason: "tree \(treeIndex) node \(index) has no numeric threshold")
            }
            built.thresholdBin = UInt8(bin)
            built.threshold = threshold
          }
        }
        nodes.append(built)
      }
      guard !nodes.isEmpty else { throw .unreadableModel(path: path, reason: "tree \(treeIndex) has no nodes") }
      trees.append(BoostedTree(nodes: nodes))
    }
    self.init(
      featureNames: document.features.map(\.name), featureKinds: document.features.map(\.kind), bins: bins,
      baseline: document.baseline, trees: trees, configuration: document.configuration, summary: document.summary)
  }

  /// Writes the model's JSON to a file atomically (temporary file, then rename).
  public func write(toPath path: String) throws(ModelError) {
    let data = try jsonData()
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .cannotWriteModel(path: path, reason: error.localizedDescription)
    }
  }

  /// Reads a model written by `write(toPath:)`.
  public init(contentsOfPath path: String) throws(ModelError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableModel(path: path, reason: error.localizedDescription)
    }
    try self.init(jsonData: data, path: path)
  }
}
