import Dispatch
import Foundation

/// Computes the SHA-256 of input files in the background, so checksums for the manifest cost no
/// time on the run's critical path.
final class InputDigests: @unchecked Sendable {
  private let group = DispatchGroup()
  private let lock = NSLock()
  private var results: [String: String] = [:]

  /// Starts hashing every path (standard input, `-`, is skipped).
  init(paths: [String]) {
    for path in Set(paths) where path != "-" {
      DispatchQueue.global(qos: .utility).async(group: group) { [self] in
        let digest = SHA256.hexDigest(ofFile: path)
        lock.lock()
        results[path] = digest
        lock.unlock()
      }
    }
  }

  /// The digest of `path`, waiting for the hashing to finish; nil when it could not be read.
  func digest(of path: String) -> String? {
    group.wait()
    lock.lock()
    defer { lock.unlock() }
    return results[path]
  }
}
