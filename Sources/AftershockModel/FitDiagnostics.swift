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
