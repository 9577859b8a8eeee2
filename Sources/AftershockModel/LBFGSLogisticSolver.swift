import Foundation

/// Fits the same objective as `NewtonLogisticSolver` by limited-memory BFGS (Nocedal & Wright,
/// Numerical Optimization, 2nd ed., Algorithm 7.4, two-loop recursion) with a backtracking
/// Armijo line search; it stops when the relative decrease of the objective falls below
/// 1e-13 (rounding noise), and then counts as converged if every gradient component is at
/// most 1e-6 times the total row weight. Each iteration costs O(n·p) instead of Newton's O(n·p²), so it is the
/// choice for wide tables.
struct LBFGSLogisticSolver {
  var regularization: Double
  var maximumIterations: Int
  var tolerance: Double
  var memory = 10

  func solve(_ matrix: FeatureMatrix, labels: [Bool], weights: [Double]) -> NewtonLogisticSolver.Solution {
    let n = matrix.rowCount
    let p = matrix.columnCount
    let d = p + 1
    let (targets, totalWeight, start) = NewtonLogisticSolver.start(labels: labels, weights: weights, dimension: d)
    var theta = start
    var eta = [Double](repeating: 0, count: n)
    var residual = [Double](repeating: 0, count: n)

    /// Objective and gradient at `point`.
    func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
      for i in 0..<n { eta[i] = point[0] }
      matrix.values.withUnsafeBufferPointer { x in
        for j in 0..<p where point[j + 1] != 0 {
          let beta = point[j + 1]
          let column = x.baseAddress! + j * n
          for i in 0..<n { eta[i] += beta * column[i] }
        }
      }
      var value = 0.0
      for i in 0..<n {
        value += weights[i] * (softplus(eta[i]) - targets[i] * eta[i])
        residual[i] = weights[i] * (sigmoid(eta[i]) - targets[i])
      }
      gradient[0] = residual.reduce(0, +)
      matrix.values.withUnsafeBufferPointer { x in
        for j in 0..<p {
          let column = x.baseAddress! + j * n
          var sum = 0.0
          for i in 0..<n { sum += residual[i] * column[i] }
          gradient[j + 1] = sum + regularization * point[j + 1]
          value += regularization / 2 * point[j + 1] * point[j + 1]
        }
      }
      return value
    }

    var gradient = [Double](repeating: 0, count: d)
    var objective = evaluate(theta, &gradient)
    var steps = [[Double]]()
    var changes = [[Double]]()
    var curvatures = [Double]()
    var iterations = 0
    var converged = false
    var trial = [Double](repeating: 0, count: d)
    var trialGradient = [Double](repeating: 0, count: d)
    while true {
      if gradient.reduce(0, { max($0, abs($1)) }) <= tolerance * max(totalWeight, 1) {
        converged = true
        break
      }
      if iterations >= maximumIterations { break }
      iterations += 1
      // Two-loop recursion: direction = −H·gradient.
      var direction = gradient
      var alphas = [Double](repeating: 0, count: steps.count)
      for k in stride(from: steps.count - 1, through: 0, by: -1) {
        alphas[k] = curvatures[k] * dot(steps[k], direction)
        for index in 0..<d { direction[index] -= alphas[k] * changes[k][index] }
      }
      if let lastStep = steps.last, let lastChange = changes.last {
        let scale = dot(lastStep, lastChange) / dot(lastChange, lastChange)
        for index in 0..<d { direction[index] *= scale }
      } else {
        let norm = dot(gradient, gradient).squareRoot()
        for index in 0..<d { direction[index] /= max(norm, 1) }
      }
      for k in 0..<steps.count {
        let beta = curvatures[k] * dot(changes[k], direction)
        for index in 0..<d { direction[index] += steps[k][index] * (alphas[k] - beta) }
      }
      var slope = dot(gradient, direction)
      if slope <= 0 {
        // Not a descent direction (rounding): restart from steepest descent.
        steps.removeAll()
        changes.removeAll()
        curvatures.removeAll()
        direction = gradient.map { $0 / max(dot(gradient, gradient).squareRoot(), 1) }
        slope = dot(gradient, direction)
      }
      var length = 1.0
      var accepted = false
      var value = objective
      for _ in 0..<25 {
        for index in 0..<d { trial[index] = theta[index] - length * direction[index] }
        value = evaluate(trial, &trialGradient)
        if value.isFinite, value <= objective - 1e-4 * length * slope {
          accepted = true
          break
        }
        length /= 2
      }
      if !accepted { break }
      let step = (0..<d).map { trial[$0] - theta[$0] }
      let change = (0..<d).map { trialGradient[$0] - gradient[$0] }
      let curvature = dot(step, change)
      if curvature > 1e-12 * dot(change, change).squareRoot() * dot(step, step).squareRoot() {
        steps.append(step)
        changes.append(change)
        curvatures.append(1 / curvature)
        if steps.count > memory {
          steps.removeFirst()
          changes.removeFirst()
          curvatures.removeFirst()
        }
      }
      theta = trial
      gradient = trialGradient
      let decrease = (objective - value) / max(abs(objective), abs(value), 1)
      objective = value
      // Progress below rounding noise: further steps only chase noise (scipy's `factr` test).
      if decrease <= 1e-13 {
        converged = gradient.reduce(0, { max($0, abs($1)) }) <= 1e-6 * max(totalWeight, 1)
        break
      }
    }
    let largestCoefficient = theta.dropFirst().reduce(0) { max($0, abs($1)) }
    let separated =
      regularization == 0 && (objective < 1e-6 * max(totalWeight, 1) || largestCoefficient > 20)
    return NewtonLogisticSolver.Solution(
      intercept: theta[0], coefficients: Array(theta[1...]), iterations: iterations,
      gradientNorm: dot(gradient, gradient).squareRoot(), objective: objective,
      converged: converged && !separated, dampedSteps: 0, separationSuspected: separated)
  }

  private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for index in 0..<a.count { sum += a[index] * b[index] }
    return sum
  }
}
