/// Turns a table into model features: infers each column's kind, one-hots categorical columns
/// (rare levels pooled), adds a missing indicator where training saw blanks, and standardises.
///
/// `fit` learns the schema from a training table; the fitted encoder then encodes any table
/// with the same columns (`standardizedMatrix` for linear models, `rawMatrix` with NaN for
/// missing for tree models).
public struct TabularEncoder: Codable, Sendable, Equatable {
  /// How columns are encoded.
  public struct Configuration: Codable, Sendable, Equatable {
    /// A categorical level seen in fewer training rows than this is pooled as `(other)`.
    public var minimumLevelCount: Int
    /// At most this many levels per categorical column get their own feature.
    public var maximumLevels: Int
    /// Numeric columns read in a fixed unit (the value divided by it, after centring) instead
    /// of standardised by their training spread, and with no training range to be held to (a
    /// time whose trend may go on past the training rows; see
    /// `AccountFeatureAccumulator.unitScales`). Columns not in the table are ignored.
    public var unitScales: [String: Double]

    /// Configuration with the defaults (5 rows, 30 levels, the account features' units).
    public init(
      minimumLevelCount: Int = 5, maximumLevels: Int = 30,
      unitScales: [String: Double] = AccountFeatureAccumulator.unitScales
    ) {
      self.minimumLevelCount = minimumLevelCount
      self.maximumLevels = maximumLevels
      self.unitScales = unitScales
    }
  }

  /// The input columns the encoder reads, in training order.
  public private(set) var columns: [ColumnSchema]
  /// The encoded features, in matrix order.
  public private(set) var features: [EncodedFeature]

  /// Names of the encoded features, in matrix order.
  public var featureNames: [String] { features.map(\.name) }

  /// Learns the schema of every column of `table` except those named in `excluding`.
  /// - Throws: `ModelError.noFeatures` when nothing is left, `ModelError.invalidConfiguration`.
  public static func fit(
    _ table: DataTable, excluding excluded: [String] = [],
    configuration: Configuration = Configuration()
  ) throws -> TabularEncoder {
    let prepared = try PreparedTable(table, excluding: excluded)
    return try fit(prepared, rows: Array(0..<table.rowCount), configuration: configuration)
  }

  /// Learns the schema from some rows of an already typed table (one fold of a cross-validation).
  static func fit(_ prepared: PreparedTable, rows: [Int], configuration: Configuration) throws
    -> TabularEncoder
  {
    guard configuration.minimumLevelCount >= 1 else {
      throw ModelError.invalidConfiguration(
        setting: "minimumLevelCount", value: String(configuration.minimumLevelCount),
        expected: "at least 1")
    }
    guard configuration.maximumLevels >= 1 else {
      throw ModelError.invalidConfiguration(
        setting: "maximumLevels", value: String(configuration.maximumLevels), expected: "at least 1")
    }
    for (column, unit) in configuration.unitScales where !(unit.isFinite && unit > 0) {
      throw ModelError.invalidConfiguration(
        setting: "unitScales[\(column)]", value: String(unit), expected: "a positive number")
    }
    guard !rows.isEmpty else { throw ModelError.notEnoughRows(found: 0, needed: 1) }
    var columns = [ColumnSchema]()
    var features = [EncodedFeature]()
    let n = Double(rows.count)
    for (position, name) in prepared.names.enumerated() {
      let kind = prepared.kinds[position]
      switch prepared.typed[position] {
      case .values(let values):
        let (count, mean, presentDeviation, filledDeviation) = moments(values, rows: rows)
        let missing = rows.count - count
        columns.append(
          ColumnSchema(
            name: name, kind: kind, levels: [], rareLevels: [], mean: mean,
            standardDeviation: presentDeviation, missingCount: missing))
        // A column nearly all of whose rows share one value is no feature either: its weight
        // would rest on the few that differ (a count that was almost always 0 in training).
        if filledDeviation > 1e-12 * max(1, abs(mean)), !isNearlyConstant(values, rows: rows) {
          var feature = EncodedFeature(
            name: name, column: name, role: .value, level: nil, mean: mean, standardDeviation: filledDeviation)
          if let unit = configuration.unitScales[name] {
            feature.standardDeviation = unit
          } else {
            (feature.minimum, feature.maximum) = range(values, rows: rows)
          }
          features.append(feature)
        }
        if missing > 0, missing < rows.count {
          features.append(
            indicator(name: "\(name) (missing)", column: name, role: .missing, level: nil, count: missing, of: n))
        }
      case .codes(let codes, let levelNames):
        var counts = [Int](repeating: 0, count: levelNames.count)
        var missing = 0
        for row in rows {
          let code = codes[row]
          if code < 0 { missing += 1 } else { counts[Int(code)] += 1 }
        }
        let seen = counts.indices.filter { counts[$0] > 0 }.sorted {
          counts[$0] != counts[$1] ? counts[$0] > counts[$1] : levelNames[$0] < levelNames[$1]
        }
        let kept = Array(
          seen.filter { counts[$0] >= configuration.minimumLevelCount }
            .prefix(configuration.maximumLevels))
        let keptSet = Set(kept)
        let rare = seen.filter { !keptSet.contains($0) }
        columns.append(
          ColumnSchema(
            name: name, kind: .categorical, levels: kept.map { levelNames[$0] },
            rareLevels: rare.prefix(100).map { levelNames[$0] }, mean: 0, standardDeviation: 0,
            missingCount: missing))
        for level in kept where counts[level] < rows.count {
          features.append(
            indicator(
              name: "\(name)=\(levelNames[level])", column: name, role: .level,
              level: levelNames[level], count: counts[level], of: n))
        }
        let rareCount = rare.reduce(0) { $0 + counts[$1] }
        if rareCount > 0, rareCount < rows.count {
          features.append(
            indicator(name: "\(name)=(other)", column: name, role: .otherLevels, level: nil, count: rareCount, of: n))
        }
        if missing > 0, missing < rows.count {
          features.append(
            indicator(name: "\(name) (missing)", column: name, role: .missing, level: nil, count: missing, of: n))
        }
      }
    }
    guard !columns.isEmpty else { throw ModelError.noFeatures }
    return TabularEncoder(columns: columns, features: features)
  }

  /// The number of present (non-NaN) values among `rows`, their mean, their population
  /// standard deviation, and the standard deviation once missing values are filled with the
  /// mean (the same sum of squares over all rows: the spread shrinks by n).
  ///
  /// Finite for any finite values: when the sum or the sum of squares overflows (magnitudes
  /// from about 1e154), both are taken again on the values divided by a power of two near the
  /// largest magnitude (an exact division) and the results scaled back.
  static func moments(_ values: [Double], rows: [Int])
    -> (count: Int, mean: Double, presentDeviation: Double, filledDeviation: Double)
  {
    // The count, mean and sum of squared deviations of the values times 2^-exponent.
    func sums(scaledBy exponent: Int) -> (count: Int, mean: Double, squares: Double) {
      var count = 0
      var sum = 0.0
      for row in rows where !values[row].isNaN {
        count += 1
        sum += exponent == 0 ? values[row] : Double(sign: .plus, exponent: -exponent, significand: values[row])
      }
      let mean = count > 0 ? sum / Double(count) : 0
      var squares = 0.0
      for row in rows where !values[row].isNaN {
        let value = exponent == 0 ? values[row] : Double(sign: .plus, exponent: -exponent, significand: values[row])
        squares += (value - mean) * (value - mean)
      }
      return (count, mean, squares)
    }
    var exponent = 0
    var (count, mean, squares) = sums(scaledBy: 0)
    if !mean.isFinite || !squares.isFinite {
      let largest = rows.reduce(0.0) { values[$1].isNaN ? $0 : max($0, abs(values[$1])) }
      // Infinite values (only a caller's own number columns can hold them) have no finite moments.
      if largest.isFinite {
        exponent = Int(largest.exponent)
        (count, mean, squares) = sums(scaledBy: exponent)
      }
    }
    func unscaled(_ value: Double) -> Double {
      exponent == 0 ? value : Double(sign: .plus, exponent: exponent, significand: value)
    }
    // A deviation is at most the largest magnitude; the min only absorbs a rounding at the top.
    let present = count > 0 ? unscaled((squares / Double(count)).squareRoot()) : 0
    let filled = unscaled((squares / Double(rows.count)).squareRoot())
    return (count, unscaled(mean), min(present, .greatestFiniteMagnitude), min(filled, .greatestFiniteMagnitude))
  }

  /// Whether the present values among `rows` are nearly all one value: fewer than 1 in 100 of
  /// them differ from the most common (a count that was 0 in 942 training rows of 943). A weight
  /// fitted on so few rows says nothing, and scoring extrapolates it; a flag on 2% of the rows
  /// is kept (caret's stricter `nearZeroVar` rule, 95 to 5, would drop it).
  static func isNearlyConstant(_ values: [Double], rows: [Int]) -> Bool {
    var counts: [Double: Int] = [:]
    var present = 0
    for row in rows where !values[row].isNaN {
      // -0 and 0 are one value.
      counts[values[row] == 0 ? 0 : values[row], default: 0] += 1
      present += 1
    }
    let offTheMode = present - (counts.values.max() ?? 0)
    return offTheMode > 0 && offTheMode * 100 < present
  }

  /// The smallest and largest present value among `rows`.
  static func range(_ values: [Double], rows: [Int]) -> (Double?, Double?) {
    var low = Double.infinity
    var high = -Double.infinity
    for row in rows where !values[row].isNaN {
      low = min(low, values[row])
      high = max(high, values[row])
    }
    return low <= high ? (low, high) : (nil, nil)
  }

  private static func indicator(
    name: String, column: String, role: EncodedFeature.Role, level: String?, count: Int, of n: Double
  ) -> EncodedFeature {
    let share = Double(count) / n
    return EncodedFeature(
      name: name, column: column, role: role, level: level, mean: share,
      standardDeviation: (share * (1 - share)).squareRoot())
  }

  /// Reads `table`'s columns with the kinds learned at training.
  /// - Throws: `ModelError.missingColumn` or `ModelError.columnKindChanged` naming the column.
  func read(_ table: DataTable) throws -> [TypedColumn] {
    try columns.map { schema in
      guard let index = table.index(ofColumn: schema.name) else {
        throw ModelError.missingColumn(name: schema.name)
      }
      return try TypedColumn.reading(table.columns[index], as: schema.kind, name: schema.name)
    }
  }

  /// Encodes `table` into standardised features (z-scores; missing and unseen levels at 0).
  /// - Throws: `ModelError.missingColumn`, `ModelError.columnKindChanged`.
  public func standardizedMatrix(_ table: DataTable) throws -> FeatureMatrix {
    standardizedMatrix(try read(table), rows: Array(0..<table.rowCount))
  }

  /// Encodes some rows of already read columns into standardised features.
  func standardizedMatrix(_ typed: [TypedColumn], rows: [Int]) -> FeatureMatrix {
    let columnPosition = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
    var values = [Double](repeating: 0, count: rows.count * features.count)
    values.withUnsafeMutableBufferPointer { buffer in
      for (featureIndex, feature) in features.enumerated() {
        let base = featureIndex * rows.count
        let schema = columns[columnPosition[feature.column]!]
        let scale = 1 / feature.standardDeviation
        switch typed[columnPosition[feature.column]!] {
        case .values(let raw):
          for (out, row) in rows.enumerated() {
            let value = raw[row]
            switch feature.role {
            case .value:
              // Outside the training range a value reads as the nearest end (`EncodedFeature.minimum`).
              var inRange = value
              if let low = feature.minimum, inRange < low { inRange = low }
              if let high = feature.maximum, inRange > high { inRange = high }
              buffer[base + out] = value.isNaN ? 0 : Self.standardized(inRange, feature.mean, scale)
            case .missing: buffer[base + out] = Self.standardized(value.isNaN ? 1 : 0, feature.mean, scale)
            case .level, .otherLevels: break
            }
          }
        case .codes(let codes, let levelNames):
          // Map this table's level codes to 1 (match), 0 (no match) or neutral (missing/unseen).
          let levelIndex = Dictionary(uniqueKeysWithValues: schema.levels.enumerated().map { ($1, $0) })
          let known = levelNames.map { levelIndex[$0] }
          let hasOther = features.contains { $0.column == feature.column && $0.role == .otherLevels }
          let hasMissing = features.contains { $0.column == feature.column && $0.role == .missing }
          for (out, row) in rows.enumerated() {
            let code = Int(codes[row])
            var indicator: Double? = 0
            switch feature.role {
            case .level:
              if code < 0 {
                indicator = hasMissing ? 0 : nil
              } else if let kept = known[code] {
                indicator = schema.levels[kept] == feature.level ? 1 : 0
              } else {
                indicator = hasOther ? 0 : nil
              }
            case .otherLevels:
              if code < 0 {
                indicator = hasMissing ? 0 : nil
              } else {
                indicator = known[code] == nil ? 1 : 0
              }
            case .missing:
              indicator = code < 0 ? 1 : 0
            case .value:
              break
            }
            buffer[base + out] = indicator.map { Self.standardized($0, feature.mean, scale) } ?? 0
          }
        }
      }
    }
    return FeatureMatrix(rowCount: rows.count, featureNames: featureNames, values: values)
  }

  /// The largest magnitude of a standardised value. Training rows never reach it (over n rows
  /// a z-score is at most √(n − 1)); it bounds a value far outside the training range (1e308
  /// against a spread of 1) so that every log-odds stays finite and no probability is NaN.
  static let standardizedLimit = 1e9

  /// (value − mean) · scale, clamped to ±`standardizedLimit`: finite for any value but NaN.
  private static func standardized(_ value: Double, _ mean: Double, _ scale: Double) -> Double {
    let difference = value - mean
    // Huge and of opposite signs, the difference overflows; halved first it cannot.
    let z = difference.isFinite ? difference * scale : (value / 2 - mean / 2) * scale * 2
    return z.isNaN ? 0 : min(max(z, -standardizedLimit), standardizedLimit)
  }

  /// Names of the columns of `rawMatrix`: one per numeric/boolean column, one per kept level
  /// and one `(other)` per categorical column.
  public var rawFeatureNames: [String] {
    columns.flatMap { schema -> [String] in
      switch schema.kind {
      case .numeric, .boolean: return [schema.name]
      case .categorical:
        return schema.levels.map { "\(schema.name)=\($0)" } + ["\(schema.name)=(other)"]
      }
    }
  }

  /// Encodes `table` without standardising, for tree models: numbers as read, booleans 0/1,
  /// categorical levels one-hot (unseen levels count as `(other)`), NaN wherever a value is missing.
  /// - Throws: `ModelError.missingColumn`, `ModelError.columnKindChanged`.
  public func rawMatrix(_ table: DataTable) throws -> FeatureMatrix {
    rawMatrix(try read(table), rows: Array(0..<table.rowCount))
  }

  /// Encodes some rows of already read columns without standardising.
  func rawMatrix(_ typed: [TypedColumn], rows: [Int]) -> FeatureMatrix {
    var values = [Double]()
    values.reserveCapacity(rows.count * rawFeatureNames.count)
    for (position, schema) in columns.enumerated() {
      switch typed[position] {
      case .values(let raw):
        for row in rows { values.append(raw[row]) }
      case .codes(let codes, let levelNames):
        let levelIndex = Dictionary(uniqueKeysWithValues: schema.levels.enumerated().map { ($1, $0) })
        let known = levelNames.map { levelIndex[$0] ?? schema.levels.count }
        for slot in 0...schema.levels.count {
          for row in rows {
            let code = Int(codes[row])
            values.append(code < 0 ? .nan : (known[code] == slot ? 1 : 0))
          }
        }
      }
    }
    return FeatureMatrix(rowCount: rows.count, featureNames: rawFeatureNames, values: values)
  }
}
