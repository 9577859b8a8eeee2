import Foundation

/// Fits L2-regularised logistic regression by damped Newton steps (IRLS) with a Cholesky solve
/// of the Hessian and a backtracking line search.
///
/// Minimises Σᵢ wᵢ [log(1 + e^ηᵢ) − yᵢ ηᵢ] + λ/2 ‖β‖², ηᵢ = b + xᵢ·β, intercept b unpenalised;
/// with λ = 1/C this is scikit-learn's `LogisticRegression(C=C)` objective.
struct NewtonLogisticSolver {
  var regularization: Double
  var maximumIterations: Int
  /// Converged when every gradient component is at most this times the total row weight.
  var tolerance: Double

  struct Solution {
    var intercept: Double
    var coefficients: [Double]
    var iterations: Int
    var gradientNorm: Double
    var objective: Double
    var converged: Bool
    var dampedSteps: Int
    var separationSuspected: Bool
    /// The inverse of the penalised objective's Hessian at the solution, d×d row-major with the
    /// intercept first: the coefficients' approximate covariance (nil when it is singular or
    /// the classes separate).
    var covariance: [Double]? = nil
  }

  func solve(_ matrix: FeatureMatrix, labels: [Bool], weights: [Double]) -> Solution {
    let n = matrix.rowCount
    let p = matrix.columnCount
    let d = p + 1
    let (targets, totalWeight, start) = Self.start(labels: labels, weights: weights, dimension: d)
    var theta = start
    var eta = [Double](repeating: 0, count: n)
    var residual = [Double](repeating: 0, count: n)
    var curvature = [Double](repeating: 0, count: n)
    var scratch = [Double](repeating: 0, count: n)
    var gradient = [Double](repeating: 0, count: d)
    var hessian = [Double](repeating: 0, count: d * d)
    var step = [Double](repeating: 0, count: d)
    var trial = [Double](repeating: 0, count: d)
    var iterations = 0
    var dampedSteps = 0
    var converged = false

    linearPredictor(matrix, theta, into: &eta)
    var objective = objectiveValue(eta: eta, targets: targets, weights: weights, theta: theta)
    while true {
      // Gradient and Hessian at theta.
      for i in 0..<n {
        let mu = sigmoid(eta[i])
        residual[i] = weights[i] * (mu - targets[i])
        curvature[i] = weights[i] * mu * (1 - mu)
      }
      gradient[0] = residual.reduce(0, +)
      hessian[0] = curvature.reduce(0, +)
      matrix.values.withUnsafeBufferPointer { x in
        residual.withUnsafeBufferPointer { r in
          curvature.withUnsafeBufferPointer { c in
            scratch.withUnsafeMutableBufferPointer { weighted in
              guard let base = x.baseAddress, let r = r.baseAddress, let c = c.baseAddress,
                let weighted = weighted.baseAddress
              else { return }
              for j in 0..<p {
                let column = base + j * n
                var g = 0.0
                var h = 0.0
                for i in 0..<n {
                  g += r[i] * column[i]
                  let value = c[i] * column[i]
                  weighted[i] = value
                  h += value
                }
                gradient[j + 1] = g + regularization * theta[j + 1]
                hessian[j + 1] = h
                hessian[(j + 1) * d] = h
                for k in j..<p {
                  let other = base + k * n
                  var sum = 0.0
                  for i in 0..<n { sum += weighted[i] * other[i] }
                  hessian[(j + 1) * d + k + 1] = sum
                  hessian[(k + 1) * d + j + 1] = sum
                }
                hessian[(j + 1) * d + j + 1] += regularization
              }
            }
          }
        }
      }
      let largest = gradient.reduce(0) { max($0, abs($1)) }
      if largest <= tolerance * max(totalWeight, 1) {
        converged = true
        break
      }
      if iterations >= maximumIterations { break }
      iterations += 1

      // Newton direction H·step = gradient; damp the diagonal until Cholesky succeeds.
      var damping = 0.0
      let scale = max((0..<d).reduce(0) { $0 + hessian[$1 * d + $1] } / Double(d), 1e-12)
      while !choleskySolve(hessian, d, damping: damping, rightHandSide: gradient, into: &step) {
        damping = damping == 0 ? 1e-10 * scale : damping * 10
        if damping > 1e6 * scale { break }
      }
      if damping > 0 { dampedSteps += 1 }
      if damping > 1e6 * scale { step = gradient.map { $0 / scale } }

      // Backtracking line search on the objective (Armijo condition).
      // Once the predicted decrease (half the Newton decrement) is below the objective's
      // rounding noise, comparisons are meaningless: take the full step (pure Newton phase).
      let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
      let pureNewton = damping == 0 && slope / 2 <= 1e-9 * max(1, abs(objective))
      var length = 1.0
      var accepted = false
      for _ in 0..<40 {
        for index in 0..<d { trial[index] = theta[index] - length * step[index] }
        linearPredictor(matrix, trial, into: &scratch)
        let value = objectiveValue(eta: scratch, targets: targets, weights: weights, theta: trial)
        if value.isFinite, pureNewton || value <= objective - 1e-4 * length * slope {
          theta = trial
          swap(&eta, &scratch)
          objective = value
          accepted = true
          break
        }
        length /= 2
      }
      if !accepted { break }
    }
    let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
    // Without a penalty a vanishing gradient can mean "coefficients ran off to infinity":
    // a near-zero loss or a coefficient beyond 20 log-odds per standard deviation says so.
    let largestCoefficient = theta.dropFirst().reduce(0) { max($0, abs($1)) }
    let separated =
      regularization == 0 && (objective < 1e-6 * max(totalWeight, 1) || largestCoefficient > 20)
    // `hessian` is still the one at `theta`: every exit of the loop leaves theta where it was
    // computed.
    var covariance: [Double]? = nil
    if !separated {
      var inverse = [Double](repeating: 0, count: d * d)
      var unit = [Double](repeating: 0, count: d)
      var column = [Double](repeating: 0, count: d)
      var invertible = true
      for k in 0..<d {
        unit[k] = 1
        defer { unit[k] = 0 }
        guard choleskySolve(hessian, d, damping: 0, rightHandSide: unit, into: &column) else {
          invertible = false
          break
        }
        for i in 0..<d { inverse[i * d + k] = column[i] }
      }
      if invertible { covariance = inverse }
    }
    return Solution(
      intercept: theta[0], coefficients: Array(theta[1...]), iterations: iterations,
      gradientNorm: norm, objective: objective, converged: converged && !separated,
      dampedSteps: dampedSteps, separationSuspected: separated, covariance: covariance)
  }

  /// 0/1 targets, the total row weight, and the intercept-only optimum as the starting point
  /// (exact when no feature matters), shared by both solvers.
  static func start(labels: [Bool], weights: [Double], dimension d: Int)
    -> (targets: [Double], totalWeight: Double, theta: [Double])
  {
    let targets = labels.map { $0 ? 1.0 : 0.0 }
    let totalWeight = weights.reduce(0, +)
    let positiveWeight = zip(weights, labels).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
    let share = min(max(positiveWeight / totalWeight, 1e-12), 1 - 1e-12)
    var theta = [Double](repeating: 0, count: d)
    theta[0] = Foundation.log(share / (1 - share))
    return (targets, totalWeight, theta)
  }

  private func linearPredictor(_ matrix: FeatureMatrix, _ theta: [Double], into eta: inout [Double]) {
    let n = matrix.rowCount
    for i in 0..<n { eta[i] = theta[0] }
    matrix.values.withUnsafeBufferPointer { x in
      eta.withUnsafeMutableBufferPointer { out in
        for j in 0..<matrix.columnCount {
          let beta = theta[j + 1]
          if beta == 0 { continue }
          let column = x.baseAddress! + j * n
          for i in 0..<n { out[i] += beta * column[i] }
        }
      }
    }
  }

  private func objectiveValue(eta: [Double], targets: [Double], weights: [Double], theta: [Double])
    -> Double
  {
    var sum = 0.0
    for i in 0..<eta.count {
      sum += weights[i] * (softplus(eta[i]) - targets[i] * eta[i])
    }
    var penalty = 0.0
    for index in 1..<theta.count { penalty += theta[index] * theta[index] }
    return sum + regularization / 2 * penalty
  }

  /// Solves (A + damping·I)·x = b for a symmetric d×d matrix; false if not positive definite.
  private func choleskySolve(
    _ matrix: [Double], _ d: Int, damping: Double, rightHandSide: [Double], into solution: inout [Double]
  ) -> Bool {
    var lower = matrix
    for index in 0..<d { lower[index * d + index] += damping }
    for j in 0..<d {
      var diagonal = lower[j * d + j]
      for k in 0..<j { diagonal -= lower[j * d + k] * lower[j * d + k] }
      guard diagonal > 1e-300, diagonal.isFinite else { return false }
      let root = diagonal.squareRoot()
      lower[j * d + j] = root
      for i in (j + 1)..<max(j + 1, d) {
        var value = lower[i * d + j]
        for k in 0..<j { value -= lower[i * d + k] * lower[j * d + k] }
        lower[i * d + j] = value / root
      }
    }
    // Reject near-singular factors: the solve would amplify rounding beyond use.
    let diagonals = (0..<d).map { lower[$0 * d + $0] }
    if let smallest = diagonals.min(), let largest = diagonals.max(), smallest < 1e-7 * largest {
      return false
    }
    var y = rightHandSide
    for i in 0..<d {
      for k in 0..<i { y[i] -= lower[i * d + k] * y[k] }
      y[i] /= lower[i * d + i]
    }
    for i in stride(from: d - 1, through: 0, by: -1) {
      for k in (i + 1)..<max(i + 1, d) { y[i] -= lower[k * d + i] * y[k] }
      y[i] /= lower[i * d + i]
    }
    solution = y
    return true
  }
}

/// The logistic function, stable for large |x|.
func sigmoid(_ x: Double) -> Double {
  if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
  let e = Foundation.exp(x)
  return e / (1 + e)
}

/// log(1 + eˣ), stable for large |x|.
func softplus(_ x: Double) -> Double {
  x > 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
}

/// log(p / (1 − p)) with p clipped away from 0 and 1.
func logit(_ probability: Double) -> Double {
  let clipped = min(max(probability, 1e-12), 1 - 1e-12)
  return Foundation.log(clipped / (1 - clipped))
}
