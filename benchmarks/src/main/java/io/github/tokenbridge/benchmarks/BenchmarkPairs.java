package io.github.tokenbridge.benchmarks;

import java.util.List;

/** The ratios BENCHMARKS.md publishes, each benchmark with its same-run baseline and target. */
final class BenchmarkPairs {

    static final List<BenchmarkPair> ALL = List.of(
            new BenchmarkPair("handle open + close", "ModelHandleBenchmark.openClose",
                    "BaselineBenchmark.mapPutRemove", 4, false),
            new BenchmarkPair("impersonation scope enter + exit", "ModelImpersonationBenchmark.scopeEnterExit",
                    "BaselineBenchmark.mapPutRemove", 10, false),
            new BenchmarkPair("AccessCheck, 16 ACEs x 32 groups", "ModelAccessCheckBenchmark.accessCheck",
                    "ModelAccessCheckBenchmark.handWrittenLoop", 2, false),
            new BenchmarkPair("token groups query", "ModelTokenInfoBenchmark.queryGroups",
                    "BaselineBenchmark.copyGroupArray", Double.NaN, false),
            // ---- object security (objects): no target yet, measured to know the cost of "check as the client"
            new BenchmarkPair("named-object access check (resolve, read descriptor, check)",
                    "ModelNamedObjectCheckBenchmark.namedCheck", "ModelNamedObjectCheckBenchmark.handWrittenLookupAndWalk",
                    Double.NaN, false),
            // ---- named pipes (pipes): no target yet, measured to know what a server pays per request
            new BenchmarkPair("pipe request on an open connection (write, read, impersonate, revert)",
                    "ModelPipeRequestBenchmark.request", "ModelPipeRequestBenchmark.handOffAndSwitch", Double.NaN, false),
            new BenchmarkPair("pipe request through the SPI alone (WriteFile, ReadFile, ImpersonateNamedPipeClient, RevertToSelf)",
                    "ModelPipeRequestBenchmark.spiRequest", "ModelPipeRequestBenchmark.handOffAndSwitch", Double.NaN, false),
            new BenchmarkPair("pipe request: public API vs SPI", "ModelPipeRequestBenchmark.request",
                    "ModelPipeRequestBenchmark.spiRequest", Double.NaN, false),
            new BenchmarkPair("impersonation scope, 2 threads vs 1", "ModelImpersonationBenchmark.scopeEnterExitOnTwoThreads@2",
                    "ModelImpersonationBenchmark.scopeEnterExit", 1.6, true),
            new BenchmarkPair("public API: open + close vs SPI", "PublicApiBenchmark.apiOpenClose",
                    "PublicApiBenchmark.spiOpenClose", 2, false),
            new BenchmarkPair("public API: impersonate + revert vs SPI", "PublicApiBenchmark.apiImpersonateRevert",
                    "PublicApiBenchmark.spiImpersonateRevert", Double.NaN, false),
            new BenchmarkPair("public API: impersonateSelf + revert vs SPI", "PublicApiBenchmark.apiImpersonateSelfRevert",
                    "PublicApiBenchmark.spiImpersonateSelfRevert", Double.NaN, false),
            // ---- account names (issue 14): what the bounded name cache saves over the model's LSA
            new BenchmarkPair("account name, cached vs uncached LookupAccountSid", "ModelAccountLookupBenchmark.apiLookupCached",
                    "ModelAccountLookupBenchmark.spiLookupUncached", Double.NaN, false),
            new BenchmarkPair("a token's user and groups named, cached vs uncached LsaLookupSids", "ModelAccountLookupBenchmark.apiLookupGroupsCached",
                    "ModelAccountLookupBenchmark.spiLookupGroupsUncached", Double.NaN, false),
            new BenchmarkPair("public API: accessCheck vs SPI", "PublicApiBenchmark.apiAccessCheck",
                    "PublicApiBenchmark.spiAccessCheck", Double.NaN, false));

    private BenchmarkPairs() {
    }
}
