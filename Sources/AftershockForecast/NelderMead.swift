/// Derivative-free minimisation (Nelder & Mead 1965, standard coefficients) used by the fits.
struct NelderMead {
  var maxIterations = 5_000
  var tolerance = 1e-12

  /// Minimises `objective` from `start`; returns the best point, its value and the iterations used.
  func minimize(_ objective: ([Double]) -> Double, start: [Double], step: Double = 0.5)
    -> (point: [Double], value: Double, iterations: Int, converged: Bool)
  {
    let dimension = start.count
    var simplex = [start]
    for axis in 0..<dimension {
      var vertex = start
      vertex[axis] += step
      simplex.append(vertex)
    }
    var values = simplex.map { value(objective, $0) }
    var iteration = 0
    while iteration < maxIterations {
      iteration += 1
      let order = values.indices.sorted { values[$0] < values[$1] }
      simplex = order.map { simplex[$0] }
      values = order.map { values[$0] }
      if abs(values[dimension] - values[0]) <= tolerance * (abs(values[0]) + tolerance) {
        var spread = 0.0
        for vertex in simplex.dropFirst() {
          for axis in 0..<dimension { spread = max(spread, abs(vertex[axis] - simplex[0][axis])) }
        }
        if spread < 1e-9 { return (simplex[0], values[0], iteration, true) }
      }
      var centroid = [Double](repeating: 0, count: dimension)
      for vertex in simplex.dropLast() {
        for axis in 0..<dimension { centroid[axis] += vertex[axis] / Double(dimension) }
      }
      func along(_ factor: Double) -> [Double] {
        (0..<dimension).map { centroid[$0] + factor * (simplex[dimension][$0] - centroid[$0]) }
      }
      let reflected = along(-1)
      let reflectedValue = value(objective, reflected)
      if reflectedValue < values[0] {
        let expanded = along(-2)
        let expandedValue = value(objective, expanded)
        if expandedValue < reflectedValue {
          simplex[dimension] = expanded
          values[dimension] = expandedValue
        } else {
          simplex[dimension] = reflected
          values[dimension] = reflectedValue
        }
      } else if reflectedValue < values[dimension - 1] {
        simplex[dimension] = reflected
        values[dimension] = reflectedValue
      } else {
        let outside = reflectedValue < values[dimension]
        let contracted = along(outside ? -0.5 : 0.5)
        let contractedValue = value(objective, contracted)
        if contractedValue < min(reflectedValue, values[dimension]) {
          simplex[dimension] = contracted
          values[dimension] = contractedValue
        } else {
          for index in 1...dimension {
            simplex[index] = (0..<dimension).map { simplex[0][$0] + 0.5 * (simplex[index][$0] - simplex[0][$0]) }
            values[index] = value(objective, simplex[index])
          }
        }
      }
    }
    let best = values.indices.min { values[$0] < values[$1] }!
    return (simplex[best], values[best], iteration, false)
  }

  private func value(_ objective: ([Double]) -> Double, _ point: [Double]) -> Double {
    let result = objective(point)
    return result.isNaN ? .infinity : result
  }
}

/// Central-difference Hessian of `function` at `point` with per-axis step `step`.
func numericalHessian(_ function: ([Double]) -> Double, at point: [Double], step: Double = 1e-4) -> [[Double]] {
  let dimension = point.count
  var hessian = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
  let center = function(point)
  for i in 0..<dimension {
    for j in i..<dimension {
      if i == j {
        var plus = point
        var minus = point
        plus[i] += step
        minus[i] -= step
        hessian[i][i] = (function(plus) - 2 * center + function(minus)) / (step * step)
      } else {
        var pp = point
        var pm = point
        var mp = point
        var mm = point
        pp[i] += step
        pp[j] += step
        pm[i] += step
        pm[j] -= step
        mp[i] -= step
        mp[j] += step
        mm[i] -= step
        mm[j] -= step
        let value = (function(pp) - function(pm) - function(mp) + function(mm)) / (4 * step * step)
        hessian[i][j] = value
        hessian[j][i] = value
      }
    }
  }
  return hessian
}

/// Inverse of a 2x2 matrix, or nil when singular.
func inverse2x2(_ matrix: [[Double]]) -> [[Double]]? {
  let determinant = matrix[0][0] * matrix[1][1] - matrix[0][1] * matrix[1][0]
  guard determinant != 0, determinant.isFinite else { return nil }
  return [
    [matrix[1][1] / determinant, -matrix[0][1] / determinant],
    [-matrix[1][0] / determinant, matrix[0][0] / determinant],
  ]
}
