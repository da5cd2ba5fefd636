import Foundation

/// Where templates, static files and reference data are found at run time.
/// They ship in the package's resource bundle; `PILAR_RESOURCES` points elsewhere for deployments
/// that copy the folder next to the binary.
public enum PilarResources {
    public static let root: String = {
        if let override = ProcessInfo.processInfo.environment["PILAR_RESOURCES"], !override.isEmpty {
            return override.hasSuffix("/") ? override : override + "/"
        }
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources", isDirectory: true)
        return url.path + "/"
    }()

    public static var views: String { root + "Views/" }
    public static var publicDirectory: String { root + "Public/" }

    public static func data(_ name: String) throws -> String {
        try String(contentsOfFile: root + "data/" + name, encoding: .utf8)
    }
}
