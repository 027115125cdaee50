using System.CommandLine;
using System.Diagnostics;
using Coding.Core.Data;
using Coding.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>
/// The main job end to end: schema, sample encounters in, wait until the workers have coded them, summary and
/// report out. Workers run as their own processes (scripts/demo.sh starts them), so this exercises the real queue.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<FileInfo>("--samples") { Description = "JSONL encounters to ingest", DefaultValueFactory = _ => new FileInfo("eval/samples/encounters.jsonl") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where report.json and report.md go", DefaultValueFactory = _ => new DirectoryInfo("artifacts/demo") };
        var gold = new Option<FileInfo>("--gold") { Description = "Gold set (JSONL) the stored suggestions are scored against; skipped when absent", DefaultValueFactory = _ => new FileInfo("eval/gold/samples.jsonl") };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the queue to drain", DefaultValueFactory = _ => 300 };
        var command = new Command("demo", "Ingest the sample encounters, wait for the workers to code them, print a summary and write a report") { samples, output, gold, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            var clock = Stopwatch.StartNew();
            await Database.MigrateAsync(db, ct);
            var ingest = await IngestCommand.IngestFileAsync(scope.ServiceProvider, parse.GetValue(samples)!, ct);
            var ids = ingest.Results.Select(r => r.EncounterId).ToList();

            var snapshot = await WaitForDrainAsync(db, ids, TimeSpan.FromSeconds(parse.GetValue(timeout)), ct);
            var report = await DemoReport.BuildAsync(db, ids, ingest, snapshot, clock.Elapsed, parse.GetValue(gold)!, ct);
            var dir = parse.GetValue(output)!;
            await report.WriteAsync(dir, ct);
            Console.WriteLine(report.Summary());
            Console.WriteLine($"report: {Path.Combine(dir.FullName, "report.md")}");
            return snapshot.Received == 0 && snapshot.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<PipelineSnapshot> WaitForDrainAsync(CodingDbContext db, List<Guid> ids, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var lastProgress = Stopwatch.StartNew();
        var lastWaiting = int.MaxValue;
        var lastPrinted = -1;
        while (true)
        {
            var s = await PipelineSnapshot.ReadAsync(db, ids, ct);
            if (s.Received == 0 || deadline.Elapsed > timeout)
                return s;
            if (s.Received < lastWaiting)
            {
                lastWaiting = s.Received;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > TimeSpan.FromSeconds(20))
            {
                Console.Error.WriteLine($"no progress for 20 s ({s.Received} waiting): is a worker running? (scripts/demo.sh starts them)");
                lastProgress.Restart();
            }
            if (s.Received != lastPrinted)
            {
                Console.WriteLine($"coding: {s.Coded + s.Failed}/{s.Total} done, {s.Received} waiting");
                lastPrinted = s.Received;
            }
            await Task.Delay(250, ct);
        }
    }
}
