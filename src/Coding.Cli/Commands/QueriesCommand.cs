using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Coding.Core.Autonomy;
using Coding.Core.Queries;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding queries recall`: of the gold's specific codes that a CDI rule covers, how many the engine's unspecified
/// suggestion on the same note would have queried. Reads the gold JSONL (codes; the note only for the rules' cues, never
/// printed) and predictions.tsv of `coding eval` on it. Prints codes and counts only.
/// </summary>
internal static class QueriesCommand
{
    public static Command Create()
    {
        var command = new Command("queries", "CDI query rules: measure them on a gold set");
        var jsonl = new Option<FileInfo>("--jsonl") { Description = "Gold set (the project's JSONL)", Required = true };
        var predictions = new Option<FileInfo>("--predictions") { Description = "predictions.tsv of `coding eval --jsonl` on the same file", Required = true };
        var recall = new Command("recall", "How many of the gold's specific codes an unspecified suggestion would have queried") { jsonl, predictions };
        recall.SetAction(parse =>
        {
            var suggested = AutonomyDecision.ReadPredictions(parse.GetValue(predictions)!.FullName).ToLookup(p => p.Document);
            var rows = new Dictionary<string, (int Gold, int Queried, int AlreadyExact, int Drafts)>();
            foreach (var line in File.ReadLines(parse.GetValue(jsonl)!.FullName).Where(l => l.Trim().Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                var id = doc.RootElement.GetProperty("externalId").GetString()!;
                var note = doc.RootElement.TryGetProperty("note", out var n) ? n.GetString() : null;
                var gold = doc.RootElement.GetProperty("codes").EnumerateArray()
                    .Where(c => c.GetProperty("system").GetString() == "ICD-10-CM")
                    .Select(c => c.GetProperty("code").GetString()!.Replace(".", "", StringComparison.Ordinal)).ToList();
                var engine = suggested[id].Select(p => p.Code.Replace(".", "", StringComparison.Ordinal)).ToList();
                var drafts = QueryRules.Find(engine, note);
                foreach (var d in drafts)
                {
                    var r = rows.GetValueOrDefault(d.RuleId);
                    rows[d.RuleId] = r with { Drafts = r.Drafts + 1 };
                }
                foreach (var code in gold)
                {
                    if (QueryRules.ForSpecific(code) is not { } rule) continue;
                    var r = rows.GetValueOrDefault(rule.Id);
                    rows[rule.Id] = (r.Gold + 1, r.Queried + (drafts.Any(d => d.RuleId == rule.Id) ? 1 : 0), r.AlreadyExact + (engine.Contains(code) ? 1 : 0), r.Drafts);
                }
            }
            Console.WriteLine("rule\tgold specific codes\tqueried\talready suggested exactly\tdrafts");
            foreach (var rule in QueryRules.All)
            {
                var r = rows.GetValueOrDefault(rule.Id);
                Console.WriteLine($"{rule.Id}\t{r.Gold}\t{r.Queried}\t{r.AlreadyExact}\t{r.Drafts}");
            }
            var t = rows.Values.Aggregate((Gold: 0, Queried: 0, Exact: 0, Drafts: 0), (a, r) => (a.Gold + r.Gold, a.Queried + r.Queried, a.Exact + r.AlreadyExact, a.Drafts + r.Drafts));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all\t{t.Gold}\t{t.Queried}\t{t.Exact}\t{t.Drafts}\nquery recall {(t.Gold == 0 ? "n/a" : ((double)t.Queried / t.Gold).ToString("P1", CultureInfo.InvariantCulture))}; "
                + $"with the codes already suggested exactly: {(t.Gold == 0 ? "n/a" : ((double)(t.Queried + t.Exact) / t.Gold).ToString("P1", CultureInfo.InvariantCulture))}"));
            return 0;
        });
        command.Subcommands.Add(recall);
        return command;
    }
}
