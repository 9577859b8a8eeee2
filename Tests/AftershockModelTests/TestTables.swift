import Foundation

@testable import AftershockModel

/// Small tables shared by the tests, built in a few lines.
enum TestTables {
  /// 16 rows: numeric x1, numeric x2 with 3 blanks, colour (3 levels), active yes/no, label y.
  /// Its scikit-learn reference coefficients are pinned in LogisticRegressionTests.
  static func mixed() throws -> DataTable {
    let rows: [[String]] = [
      ["1.0", "3.1", "red", "yes", "0"], ["2.0", "", "blue", "no", "0"],
      ["3.0", "2.2", "green", "yes", "1"], ["4.0", "4.8", "red", "no", "1"],
      ["5.0", "1.0", "blue", "no", "0"], ["6.0", "", "green", "yes", "1"],
      ["7.0", "0.5", "red", "no", "1"], ["8.0", "2.9", "blue", "yes", "0"],
      ["9.0", "3.3", "green", "no", "1"], ["10.0", "1.7", "red", "yes", "0"],
      ["0.5", "2.4", "blue", "no", "1"], ["1.5", "3.8", "green", "yes", "0"],
      ["2.5", "", "red", "no", "0"], ["3.5", "0.9", "blue", "yes", "1"],
      ["4.5", "2.0", "green", "no", "0"], ["5.5", "4.1", "red", "yes", "1"],
    ]
    return try DataTable(header: ["x1", "x2", "color", "active", "y"], rows: rows)
  }

  /// Rows drawn from a known logistic model: P(y) = σ(−1 + 1.5·a − 0.8·b + 0.7·[tier = gold]).
  static func simulated(rows: Int, seed: UInt64) throws -> (table: DataTable, truth: [Double]) {
    var generator = SplitMix64(seed: seed)
    var a = [Double]()
    var b = [Double]()
    var tier = [String]()
    var label = [Double]()
    var truth = [Double]()
    for _ in 0..<rows {
      let x = gaussian(&generator)
      let z = gaussian(&generator) * 2 + 1
      let level = ["gold", "silver", "bronze"][Int(generator.next() % 3)]
      let p = sigmoid(-1 + 1.5 * x - 0.8 * z + (level == "gold" ? 0.7 : 0))
      a.append(x)
      b.append(z)
      tier.append(level)
      truth.append(p)
      label.append(Double(generator.next() % 1_000_000) / 1_000_000 < p ? 1 : 0)
    }
    let table = try DataTable(
      columnNames: ["a", "b", "tier", "label"],
      columns: [.numbers(a), .numbers(b), .text(tier), .numbers(label)])
    return (table, truth)
  }

  /// Rows whose features x and z have a small spread (standard deviation 0.3) and weights of
  /// opposite signs, P(y) = σ(4x − 4z): 1e308 in both standardises past the largest Double, the
  /// row that once gave +∞ − ∞ = NaN log-odds.
  static func narrowOpposed(rows: Int, seed: UInt64) throws -> DataTable {
    var generator = SplitMix64(seed: seed)
    var x = [Double]()
    var z = [Double]()
    var label = [String]()
    for _ in 0..<rows {
      let first = gaussian(&generator) * 0.3
      let second = gaussian(&generator) * 0.3
      x.append(first)
      z.append(second)
      label.append(Double(generator.next() % 1_000_000) / 1_000_000 < sigmoid(4 * first - 4 * second) ? "1" : "0")
    }
    return try DataTable(columnNames: ["x", "z", "y"], columns: [.numbers(x), .numbers(z), .text(label)])
  }

  /// A standard normal draw (Box–Muller).
  static func gaussian(_ generator: inout SplitMix64) -> Double {
    let u1 = max(Double(generator.next() >> 11) / Double(1 << 53), 1e-300)
    let u2 = Double(generator.next() >> 11) / Double(1 << 53)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
