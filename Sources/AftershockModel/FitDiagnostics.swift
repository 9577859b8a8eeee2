/// How an iterative fit ended.
public struct FitDiagnostics: Codable, Sendable, Equatable {
  /// The optimiser that ran (`newton` or `lbfgs`).
  public var solver: LogisticRegression.Solver
  /// Iterations taken.
  public var iterations: Int
  /// Euclidean norm of the objective's gradient at the end.
  public var gradientNorm: Double
  /// Regularised objective (weighted negative log-likelihood plus penalty) at the end.
  public var objective: Double
  /// Whether the gradient fell below the tolerance within the iteration budget.
  public var converged: Bool
  /// Without a penalty, the classes looked (quasi-)separable: the fit was heading for
  /// infinite coefficients, so `converged` is false whatever the gradient says.
  public var separationSuspected: Bool
  /// Iterations whose Hessian needed damping to be solved (ill-conditioned).
  public var dampedSteps: Int
}

extension FitDiagnostics {
  private enum CodingKeys: String, CodingKey {
    case solver, iterations, gradientNorm, objective, converged, separationSuspected, dampedSteps
  }

  /// Reads diagnostics; files written before `solver` and `separationSuspected` existed read
  /// as Newton without suspected separation.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    solver = try container.decodeIfPresent(LogisticRegression.Solver.self, forKey: .solver) ?? .newton
    iterations = try container.decode(Int.self, forKey: .iterations)
    gradientNorm = try container.decode(Double.self, forKey: .gradientNorm)
    objective = try container.decode(Double.self, forKey: .objective)
    converged = try container.decode(Bool.self, forKey: .converged)
    separationSuspected = try container.decodeIfPresent(Bool.self, forKey: .separationSuspected) ?? false
    dampedSteps = try container.decode(Int.self, forKey: .dampedSteps)
  }
}
