using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Coding.Cli.Bench;
using Coding.Core.Codebooks;
using Coding.Core.Data;
using Coding.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Coding.Cli.Commands;

/// <summary>`coding bench pipeline`: encounters/s, latency, CPU and memory of the whole pipeline with worker processes.</summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var encounters = new Option<int>("--encounters") { Description = "Encounters in the timed run", DefaultValueFactory = _ => 10_000 };
        var workers = new Option<int>("--workers") { Description = "Worker processes", DefaultValueFactory = _ => 2 };
        var concurrency = new Option<int?>("--concurrency") { Description = "Messaging:ConcurrencyLimit per worker (default: the worker's setting)" };
        var samples = new Option<FileInfo>("--samples") { Description = "JSONL whose notes are reused under generated ids", DefaultValueFactory = _ => new FileInfo("eval/samples/encounters.jsonl") };
        var noApi = new Option<bool>("--no-api") { Description = "Leave out the API host (by default it runs beside the workers, scraped on /metrics every 5 s)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the run to drain", DefaultValueFactory = _ => 1800 };
        var command = new Command("pipeline", "Ingest N synthetic encounters and time them through outbox, RabbitMQ, worker processes (deterministic engine) and PostgreSQL")
            { encounters, workers, concurrency, samples, timeout, noApi };
        command.SetAction(async (parse, ct) =>
        {
            var repo = CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory()) ?? CodebookSources.FindRepoRoot(AppContext.BaseDirectory) ?? ".";
            using var host = CliHost.Build();
            await using (var scope = host.Services.CreateAsyncScope())
                await Database.MigrateAsync(scope.ServiceProvider, ct);
            var workerSettings = new Dictionary<string, string?>();
            if (parse.GetValue(concurrency) is { } limit)
                workerSettings["Messaging:ConcurrencyLimit"] = limit.ToString(CultureInfo.InvariantCulture);
            var settings = new PipelineBenchSettings(
                parse.GetValue(encounters), parse.GetValue(workers),
                WorkerProcess.DllPath(repo, "Release"), Path.Combine(repo, ".local", "logs"), workerSettings,
                new Uri(host.Services.GetRequiredService<IConfiguration>()[$"{MessagingOptions.Section}:{nameof(MessagingOptions.RabbitMqUri)}"]
                    ?? throw new InvalidOperationException("Messaging:RabbitMqUri is not configured (run `eval \"$(scripts/infra.sh env)\"`)")),
                parse.GetValue(samples)!.FullName, TimeSpan.FromSeconds(parse.GetValue(timeout)),
                ApiDll: parse.GetValue(noApi) ? null : ApiDllPath(repo));
            var result = await PipelineBench.RunAsync(host.Services, settings, Console.WriteLine, ct);

            var dir = Path.Combine(repo, "artifacts", "bench");
            Directory.CreateDirectory(dir);
            var json = JsonSerializer.Serialize(new
            {
                measuredAt = DateTimeOffset.UtcNow,
                machine = new { Environment.ProcessorCount, loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null },
                concurrency = parse.GetValue(concurrency),
                result,
            }, new JsonSerializerOptions { WriteIndented = true });
            await File.WriteAllTextAsync(Path.Combine(dir, "pipeline.json"), json, ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "pipeline-queue.svg"),
                QueueDepthPlot.Svg(result.Samples, $"{result.Encounters:N0} encounters, {result.Workers} worker(s): what waits where"), ct);
            var md = Markdown(result, parse.GetValue(concurrency));
            await File.WriteAllTextAsync(Path.Combine(dir, "pipeline.md"), md, ct);
            Console.WriteLine(md);
            return result.Coded == result.Encounters && result.DuplicateSets == 0 ? 0 : 1;
        });
        return command;
    }

    private static string ApiDllPath(string repo)
    {
        var dll = Path.Combine(repo, "src", "Coding.Api", "bin", "Release", "net10.0", "Coding.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first (`dotnet build -c Release`)", dll);
    }

    private static string Markdown(PipelineBenchResult r, int? concurrency) => string.Create(CultureInfo.InvariantCulture, $"""
        # Bench: the pipeline end to end ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)

        Reproduce: `dotnet src/Coding.Cli/bin/Release/net10.0/coding.dll bench pipeline --encounters {r.Encounters} --workers {r.Workers}{(concurrency is null ? "" : $" --concurrency {concurrency}")}`
        (after `scripts/demo.sh` or `coding codebook import`: the deterministic engine needs the ICD-10-CM release in force).

        | measure | value |
        |---|---|
        | encounters (timed) / worker processes | {r.Encounters:N0} / {r.Workers} |
        | coded / failed / suggestion sets / encounters with more than one set | {r.Coded:N0} / {r.Failed:N0} / {r.SuggestionSets:N0} / {r.DuplicateSets} |
        | **throughput** (first received → last coded) | **{r.EncountersPerSecond} encounters/s** over {r.ElapsedSeconds} s |
        | ingest of the batch (CLI process, {r.Encounters:N0} in batches) | {r.IngestSeconds} s, {r.IngestCpuMsPerEncounter} ms CPU per encounter |
        | latency received → coded p50 / p95 / max | {r.LatencyP50Ms} / {r.LatencyP95Ms} / {r.LatencyMaxMs} ms |
        | **worker CPU per encounter** (outside the database) | **{r.WorkerCpuMsPerEncounter} ms** |
        | worker peak RSS (VmHWM) | {string.Join(" / ", r.WorkerPeakRssMb)} MB |
        | ingest process peak RSS | {r.IngestProcessPeakRssMb} MB |
        | API host peak RSS / CPU per encounter (serving /metrics + /health/ready every 5 s) | {(r.Api is { } a ? $"{a.PeakRssMb} MB / {a.CpuMsPerEncounter} ms ({a.Scrapes} scrapes, {a.FailedScrapes} failed, p95 {a.ScrapeP95Ms} ms)" : "not run (--no-api)")} |

        - Latency is measured on a batch ingested all at once, so it includes the time an encounter waits behind the
          rest of the batch: p95 grows with the batch size; throughput is the figure to compare.
        - Worker CPU = user + system time of the worker processes during the timed run (after a warm-up batch), divided
          by the encounters: consumer, engine, outbox dispatcher, MassTransit, Npgsql client, GC and logging. PostgreSQL
          and RabbitMQ server time is not in it.
        - Queue depth over time: `pipeline-queue.svg` (passive queue declare every 0.5 s; outbox and remaining from the database).

        {ServerMarkdown(r.Server)}
        """);

    private static string ServerMarkdown(ServerSide? server)
    {
        if (server is null)
            return "";
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            ## The servers during the timed run

            | measure | value |
            |---|---|
            | PostgreSQL server's CPU per encounter (its processes on this machine) | {(server.PostgresCpuMsPerEncounter is { } pg ? $"{pg} ms" : "not local")} |
            | RabbitMQ node's CPU per encounter (this machine) | {(server.RabbitMqCpuMsPerEncounter is { } mq ? $"{mq} ms" : "not measured (not local, or several nodes on this machine)")} |
            | statement execution time per encounter (pg_stat_statements) | {(server.StatementsUnavailable ?? $"{server.DbExecMsPerEncounter} ms")} |

            """));
        if (server.TopStatements.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Statements by total execution time (all clients of the database, bench polling included):");
            text.AppendLine();
            text.AppendLine("| total ms | calls | ms per call | statement |");
            text.AppendLine("|---:|---:|---:|---|");
            foreach (var st in server.TopStatements)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {st.TotalMs:0} | {st.Calls:N0} | {st.MsPerCall} | `{st.Query.Replace("|", "\\|", StringComparison.Ordinal)}` |");
        }
        return text.ToString();
    }
}
