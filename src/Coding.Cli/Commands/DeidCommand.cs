using System.CommandLine;
using System.Text.Json;
using Coding.Core.Privacy;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding deid FILE`: de-identifies a site's own notes locally, with no database and nothing sent anywhere, so a
/// site can read what would leave the process. A text file is one note; a .jsonl file is one note per line (the field
/// `note` or `text`, shifted by its `externalId` or `id`). Prints the typed output, then the counts by kind.
/// </summary>
internal static class DeidCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A text file (one note) or JSON Lines (field note or text, id externalId or id)" };
        var command = new Command("deid", "De-identify notes locally (Safe Harbor): typed output and counts of what was removed") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path.FullName}: no such file");
                return 2;
            }
            var totals = new Dictionary<PhiKind, int>();
            var notes = 0;
            foreach (var (id, text) in Read(path))
            {
                var result = new SafeHarborDeidentifier(SafeHarborDeidentifier.DateShiftFor(id)).Deidentify(text);
                notes++;
                Console.WriteLine($"=== note {notes} ===");
                Console.WriteLine(result.Text);
                foreach (var (kind, n) in result.Counts)
                    totals[kind] = totals.GetValueOrDefault(kind) + n;
                Console.WriteLine($"--- removed: {Counts(result.Counts)}");
            }
            Console.WriteLine($"=== {notes} notes; removed: {Counts(totals)}");
            return 0;
        });
        return command;
    }

    private static string Counts(IReadOnlyDictionary<PhiKind, int> counts) =>
        counts.Count == 0 ? "nothing" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{SafeHarborDeidentifier.Placeholder(c.Key)} {c.Value}"));

    private static IEnumerable<(string Id, string Text)> Read(FileInfo path)
    {
        if (!path.Name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            yield return (path.Name, File.ReadAllText(path.FullName));
            yield break;
        }
        var line = 0;
        foreach (var raw in File.ReadLines(path.FullName))
        {
            line++;
            if (raw.Trim().Length == 0)
                continue;
            using var doc = JsonDocument.Parse(raw);
            var root = doc.RootElement;
            var text = Field(root, "note") ?? Field(root, "text");
            if (text is null)
            {
                // The line number only: the line itself may hold PHI.
                Console.Error.WriteLine($"{path.Name}:{line}: no note or text field, skipped");
                continue;
            }
            yield return (Field(root, "externalId") ?? Field(root, "id") ?? $"{path.Name}:{line}", text);
        }
    }

    private static string? Field(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
