using Coding.Cli.Bench;
using Coding.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Load;

/// <summary>
/// `coding bench pipeline` itself, small: 500 encounters through two worker processes with the deterministic engine.
/// Correctness only — timings on a shared CI machine are not asserted, only printed. The 10,000-encounter run is
/// `coding bench pipeline` (see the README), or this test with CODING_LOAD_ENCOUNTERS=10000.
/// </summary>
public sealed class when_the_pipeline_runs_under_load(PipelineHarness harness, ITestOutputHelper output) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task every_encounter_is_coded_once_and_the_figures_are_measured()
    {
        var encounters = int.TryParse(Environment.GetEnvironmentVariable("CODING_LOAD_ENCOUNTERS"), out var n) ? n : 500;
        await harness.ImportEngineExcerptAsync();
        var settings = new PipelineBenchSettings(
            encounters, 2, TestWorkers.WorkerDll, TestWorkers.LogDirectory,
            harness.ProcessSettings(new Dictionary<string, string?> { ["Engine:Kind"] = "deterministic", ["DOTNET_ENVIRONMENT"] = "Test", ["Logging:LogLevel:Default"] = "Information" }),
            harness.Environment.RabbitMqUri, Path.Combine(TestWorkers.RepoRoot, "eval", "samples", "encounters.jsonl"),
            TimeSpan.FromMinutes(10));

        var result = await PipelineBench.RunAsync(harness.Services, settings, output.WriteLine, default);

        output.WriteLine($"{result.EncountersPerSecond} encounters/s, p50 {result.LatencyP50Ms} ms, p95 {result.LatencyP95Ms} ms, " +
            $"worker CPU {result.WorkerCpuMsPerEncounter} ms/encounter, worker peak RSS {string.Join("/", result.WorkerPeakRssMb)} MB (shared CI machine)");
        Assert.Equal(encounters, result.Coded);
        Assert.Equal(0, result.Failed);
        Assert.Equal(encounters, result.SuggestionSets);
        Assert.Equal(0, result.DuplicateSets);
        Assert.True(result.EncountersPerSecond > 0);
        Assert.True(result.WorkerCpuMsPerEncounter > 0, "worker CPU was measured");
        Assert.All(result.WorkerPeakRssMb, rss => Assert.True(rss > 0, "worker RSS was read from /proc"));
        Assert.NotEmpty(result.Samples);
    }
}
