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

    /// <summary>
    /// Ingests and prints a per-line account of what was refused (reasons only, never note text). Ids come from the
    /// input, so they are printed through <see cref="Echo"/>: escaped and cut, never able to forge a line or fill a screen.
    /// </summary>
    public static async Task<FileIngestReport> IngestFileAsync(IServiceProvider services, FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        var report = await services.GetRequiredService<JsonlIngest>().IngestAsync(stream, Actor.Cli(), ct);
        foreach (var e in report.Errors)
            Console.Error.WriteLine(RefusalLine(file.Name, e));
        foreach (var c in report.Results.Where(r => r.Outcome == IngestOutcome.Conflict))
            Console.Error.WriteLine($"{file.Name}: refused ({Echo.Quote(c.ExternalId)}): already stored with a different note");
        Console.WriteLine($"ingest: {report.Created} new, {report.Duplicates} already stored, {report.Conflicts} conflicts, {report.Errors.Count} refused lines");
        return report;
    }

    /// <summary>One refused line as printed: the id escaped and cut (<see cref="Echo"/>); reasons are ours, ids are the input's.</summary>
    public static string RefusalLine(string fileName, IngestError e) =>
        $"{fileName}:{e.Line}: refused{(e.ExternalId is null ? "" : $" ({Echo.Quote(e.ExternalId)})")}: {e.Reason}";
}
