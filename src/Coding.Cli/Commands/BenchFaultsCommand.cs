using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Coding.Cli.Bench;
using Coding.Core.Codebooks;
using Coding.Core.Data;
using Coding.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>`coding bench faults`: the pipeline under SIGKILLs, a RabbitMQ restart and a PostgreSQL outage (issue 19's targets).</summary>
internal static class BenchFaultsCommand
{
    public static Command Create()
    {
        var encounters = new Option<int>("--encounters") { Description = "Encounters ingested", DefaultValueFactory = _ => 10_000 };
        var workers = new Option<int>("--workers") { Description = "Worker processes", DefaultValueFactory = _ => 2 };
        var outage = new Option<int>("--outage") { Description = "Seconds PostgreSQL stays down", DefaultValueFactory = _ => 120 };
        var engine = new Option<string?>("--engine") { Description = "Engine:Kind for the workers (default: theirs; `none` needs no codebook)" };
        var samples = new Option<FileInfo>("--samples") { Description = "JSONL whose notes are reused under generated ids", DefaultValueFactory = _ => new FileInfo("eval/samples/encounters.jsonl") };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each stage", DefaultValueFactory = _ => 1800 };
        var command = new Command("faults", "Ingest N encounters while workers are SIGKILLed, RabbitMQ restarts and PostgreSQL is down; count what was lost, duplicated or dead-lettered")
            { encounters, workers, outage, engine, samples, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var repo = CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory()) ?? CodebookSources.FindRepoRoot(AppContext.BaseDirectory) ?? ".";
            using var host = CliHost.Build();
            await using (var scope = host.Services.CreateAsyncScope())
                await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), ct);
            var workerSettings = new Dictionary<string, string?>();
            if (parse.GetValue(engine) is { Length: > 0 } kind)
                workerSettings["Engine:Kind"] = kind;
            var settings = new FaultBenchSettings(
                parse.GetValue(encounters), parse.GetValue(workers), TimeSpan.FromSeconds(parse.GetValue(outage)), repo,
                WorkerProcess.DllPath(repo, "Release"), Path.Combine(repo, ".local", "logs"), workerSettings,
                new Uri(host.Services.GetRequiredService<IConfiguration>()[$"{MessagingOptions.Section}:{nameof(MessagingOptions.RabbitMqUri)}"]
                    ?? throw new InvalidOperationException("Messaging:RabbitMqUri is not configured (run `eval \"$(scripts/infra.sh env)\"`)")),
                parse.GetValue(samples)!.FullName, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var r = await FaultBench.RunAsync(host.Services, settings, Console.WriteLine, ct);

            var dir = Path.Combine(repo, "artifacts", "bench");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "faults.json"), JsonSerializer.Serialize(new
            {
                measuredAt = DateTimeOffset.UtcNow,
                machine = new { Environment.ProcessorCount, loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null },
                engine = parse.GetValue(engine),
                result = r,
            }, new JsonSerializerOptions { WriteIndented = true }), ct);
            var md = string.Create(CultureInfo.InvariantCulture, $"""
                # Bench: faults ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)

                Reproduce: `dotnet src/Coding.Cli/bin/Release/net10.0/coding.dll bench faults --encounters {r.Encounters} --workers {r.Workers} --outage {r.OutageSeconds:0}{(parse.GetValue(engine) is { } e ? $" --engine {e}" : "")}`

                | measure | value | target |
                |---|---:|---:|
                | encounters / workers / PostgreSQL outage | {r.Encounters:N0} / {r.Workers} / {r.OutageSeconds:0} s | |
                | coded / failed | {r.Coded:N0} / {r.Failed:N0} | |
                | lost (never processed) | {r.Lost} | 0 |
                | encounters with more than one suggestion set | {r.DuplicateSets} | 0 |
                | dead letters for transient causes (left in the error queue + re-driven by the job) | {r.TransientLettersInErrorQueue} + {r.TransientLettersRedriven} | 0 |
                | other dead letters | {r.OtherLetters} | |
                | CodesSuggested events / deliveries to a second subscriber / delivered twice / missing | {r.CodesSuggestedEvents:N0} / {r.CodesSuggestedDeliveries:N0} / {r.CodesSuggestedDuplicated} / {r.CodesSuggestedMissing} | 0 twice, 0 missing |
                | catch-up: PostgreSQL back → every encounter processed | {r.CatchUpSeconds:F1} s | ≤ 60 s |
                | worker log bytes during the outage | {r.WorkerLogBytesDuringOutage:N0} | ≤ 1 MB |
                | whole run | {r.TotalSeconds:F0} s | |

                ```
                {string.Join("\n", r.Timeline)}
                ```

                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "faults.md"), md, ct);
            Console.WriteLine(md);
            return r.Lost == 0 && r.DuplicateSets == 0 ? 0 : 1;
        });
        return command;
    }
}
