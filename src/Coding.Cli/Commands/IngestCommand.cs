using System.CommandLine;
using Coding.Core.Audit;
using Coding.Core.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON Lines: one encounter per line (externalId, setting, dateOfService, patientAge, patientSex, note)" };
        var command = new Command("ingest", "Store encounters from a JSONL file and queue them for coding") { file };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var report = await IngestFileAsync(scope.ServiceProvider, parse.GetValue(file)!, ct);
            return report.Errors.Count == 0 && report.Conflicts == 0 ? 0 : 2;
        });
        return command;
    }

    /// <summary>Ingests and prints a per-line account of what was refused (reasons only, never note text).</summary>
    public static async Task<FileIngestReport> IngestFileAsync(IServiceProvider services, FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        var report = await services.GetRequiredService<JsonlIngest>().IngestAsync(stream, Actor.Cli(), ct);
        foreach (var e in report.Errors)
            Console.Error.WriteLine($"{file.Name}:{e.Line}: refused{(e.ExternalId is null ? "" : $" ({e.ExternalId})")}: {e.Reason}");
        foreach (var c in report.Results.Where(r => r.Outcome == IngestOutcome.Conflict))
            Console.Error.WriteLine($"{file.Name}: refused ({c.ExternalId}): already stored with a different note");
        Console.WriteLine($"ingest: {report.Created} new, {report.Duplicates} already stored, {report.Conflicts} conflicts, {report.Errors.Count} refused lines");
        return report;
    }
}
