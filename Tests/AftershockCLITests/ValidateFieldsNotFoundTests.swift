import Foundation
import Testing

/// `validate` names the fields it found no column for, so an export whose questions match no
/// name (a Qualtrics survey's Q2, Q3) is not read as complete.
@Suite struct ValidateFieldsNotFoundTests {
  @Test func validateListsTheFieldsItFoundNoColumnFor() throws {
    let workspace = try CLIWorkspace()
    defer { workspace.remove() }
    try "ResponseId,ExternalReference,RecordedDate,Q1,Q1_NPS_GROUP,Q2,Q3\nR_1,ACC-1,2024-11-06,9,3,4,fine\n"
      .write(toFile: workspace.path("survey_export.csv"), atomically: true, encoding: .utf8)
    let run = try workspace.run(["validate", "survey_export.csv"])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains(#"nps <- "Q1""#), "\(run.output)")
    #expect(run.output.contains("  not found: csat, comment"), "\(run.output)")
  }
}
