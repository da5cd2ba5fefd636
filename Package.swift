// swift-tools-version:6.0
import PackageDescription

// Strict Swift 6 settings for every target, applied in one place.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Pilar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pilar", targets: ["pilar"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "PilarCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PilarApp",
            dependencies: [
                "PilarCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pilar",
            dependencies: ["PilarApp"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PilarCoreTests",
            dependencies: ["PilarCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PilarAppTests",
            dependencies: [
                "PilarApp",
                "PilarCore",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
