import Foundation
import Testing

@testable import AftershockModel

/// The ground-truth check on the committed synthetic sample (`Data/sample/truth/accounts_truth.csv`,
/// written by `aftershock generate --accounts 2000 --seed 42`): fitted on the generator's ten
/// churn features, logistic regression must find every coefficient's sign and rank accounts
/// within 0.02 ROC AUC of the true probabilities (5-fold, seed 42).
struct ChurnSampleTruthTests {
  /// `AftershockSynthetic.ChurnMechanism.coefficients`, pinned here (this target depends only
  /// on AftershockModel).
  static let trueCoefficients: [String: Double] = [
    "outage_sentiment": -1.10, "offer_sentiment": -0.90, "stated_intent": 1.40, "nps_latent": -0.20,
    "log1p_impact_hours": 0.30, "renewal_years": -1.20, "segment_enterprise": -1.00,
    "segment_smb": 0.80, "tenure_years": -0.20, "log_arr_ratio": -0.40,
  ]

  static var truthPath: String {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/",
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("Data/sample/truth/accounts_truth.csv").path
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: truthPath)))
  func logisticRecoversTheGeneratorsChurnEquation() throws {
    // The truth file has no quoted cells, so splitting on commas reads it exactly.
    let lines = try String(contentsOfFile: Self.truthPath, encoding: .utf8).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let full = try DataTable(header: header, rows: rows)
    let table = full.droppingColumns([
      "churn_probability", "linear_predictor", "labelled", "offer_reaction", "csat_latent",
    ])
    let model = try LogisticRegression().fit(table, label: "churned_outcome", idColumn: "account_id")
    #expect(model.logistic?.diagnostics.converged == true)
    let estimates = model.coefficientsInOriginalUnits.coefficients
    for (feature, truth) in Self.trueCoefficients {
      let estimate = try #require(estimates[feature], "\(feature) not in the model")
      #expect(estimate.sign == truth.sign, "\(feature): estimated \(estimate), true \(truth)")
    }
    let report = try LogisticRegression().crossValidate(
      table, label: "churned_outcome", idColumn: "account_id", folds: 5, seed: 42)
    guard case .numbers(let truth) = full.parsingNumbers().columns[full.index(ofColumn: "churn_probability")!] else {
      Issue.record("churn_probability is not numeric")
      return
    }
    let trueAUC = try ClassificationMetrics.rocAUC(truth, try table.labels(ofColumn: "churned_outcome"))
    #expect(abs(report.pooled.rocAUC - trueAUC) < 0.02, "cv \(report.pooled.rocAUC) vs truth \(trueAUC)")
  }
}
