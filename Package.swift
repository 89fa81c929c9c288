// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Themis",
    products: [
        .executable(name: "themis", targets: ["themis"]),
        .executable(name: "themis-fuzz", targets: ["ThemisFuzz"]),
        .library(name: "ThemisIngest", targets: ["ThemisIngest"]),
        .library(name: "ThemisExport", targets: ["ThemisExport"]),
        .library(name: "ThemisModel", targets: ["ThemisModel"]),
        .library(name: "ThemisCodebook", targets: ["ThemisCodebook"]),
        .library(name: "ThemisCoding", targets: ["ThemisCoding"]),
        .library(name: "ThemisAgreement", targets: ["ThemisAgreement"]),
        .library(name: "ThemisLearning", targets: ["ThemisLearning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "ThemisModel"),
        .target(
            name: "ThemisIngest",
            dependencies: [
                "ThemisModel",
                "ThemisCodebook",
                "CLibXML2",
                "CZlibInflate",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ThemisExport",
            dependencies: [
                "ThemisModel", "ThemisAgreement", "ThemisCodebook", "ThemisIngest",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "ThemisCodebook", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "ThemisCoding", dependencies: ["ThemisModel", "ThemisCodebook"]),
        .target(name: "ThemisAgreement"),
        .target(name: "ThemisLearning", dependencies: ["ThemisModel", "ThemisCodebook", "ThemisCoding"]),
        .executableTarget(
            name: "themis",
            dependencies: [
                "ThemisModel",
                "ThemisIngest",
                "ThemisExport",
                "ThemisCodebook",
                "ThemisCoding",
                "ThemisAgreement",
                "ThemisLearning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "ThemisFuzzing",
            dependencies: [
                "ThemisModel", "ThemisIngest", "ThemisExport", "ThemisCodebook", "ThemisCoding", "ThemisAgreement",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(name: "ThemisFuzz", dependencies: ["ThemisFuzzing"]),
        .testTarget(
            name: "ThemisIngestTests",
            dependencies: ["ThemisIngest", "ThemisModel", "CZlibInflate", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams")],
            exclude: ["Expected"]
        ),
        .testTarget(
            name: "ThemisExportTests",
            dependencies: [
                "ThemisExport", "ThemisModel", "ThemisIngest", "ThemisCodebook",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "ThemisCodebookTests", dependencies: ["ThemisCodebook"]),
        .testTarget(name: "ThemisAgreementTests", dependencies: ["ThemisAgreement"]),
        .testTarget(name: "ThemisFuzzingTests", dependencies: ["ThemisFuzzing"]),
        .testTarget(name: "ThemisCodingTests", dependencies: ["ThemisCoding", "ThemisCodebook", "ThemisModel"]),
        .testTarget(name: "ThemisLearningTests", dependencies: ["ThemisLearning", "ThemisCoding", "ThemisCodebook", "ThemisModel"]),
        .testTarget(
            name: "ThemisEndToEndTests",
            dependencies: ["themis", "ThemisModel", "ThemisAgreement"],
            exclude: ["Expected"]
        ),
    ]
)
