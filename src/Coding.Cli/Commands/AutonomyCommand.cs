using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Coding.Core.Autonomy;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding autonomy derive` turns a training run's predictions.tsv (from `coding eval --jsonl train.jsonl`) into per
/// setting and code family thresholds for a target precision; `coding autonomy measure` applies them to another run
/// (dev) and prints the autonomous precision and coverage. Codes and numbers only, never note text.
/// </summary>
internal static class AutonomyCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("autonomy", "Derive autonomous-coding thresholds from a training eval run and measure them on another");
        command.Subcommands.Add(Derive());
        command.Subcommands.Add(Measure());
        return command;
    }

    private static Command Derive()
    {
        var predictions = new Option<FileInfo>("--predictions") { Description = "predictions.tsv of an eval run on the TRAIN split", Required = true };
        var target = new Option<double>("--target") { Description = "Target precision", DefaultValueFactory = _ => 0.95 };
        var support = new Option<int>("--min-support") { Description = "Fewest suggestions a family needs at its threshold", DefaultValueFactory = _ => 20 };
        var output = new Option<FileInfo>("--out") { Description = "Thresholds file to write", DefaultValueFactory = _ => new FileInfo("artifacts/autonomy/thresholds.json") };
        var command = new Command("derive", "Per setting and code family, the lowest confidence whose Wilson lower bound meets the target") { predictions, target, support, output };
        command.SetAction(parse =>
        {
            var run = AutonomyDecision.ReadPredictions(parse.GetValue(predictions)!.FullName);
            var thresholds = AutonomyThresholds.Derive(run, parse.GetValue(target), parse.GetValue(support));
            var file = parse.GetValue(output)!;
            Directory.CreateDirectory(file.DirectoryName!);
            File.WriteAllText(file.FullName, JsonSerializer.Serialize(thresholds, Json));
            Console.WriteLine($"{run.Count} suggestions in {run.Select(r => (r.Setting, r.Family)).Distinct().Count()} setting × family groups; "
                + $"{thresholds.Count} reach {parse.GetValue(target).ToString(CultureInfo.InvariantCulture)} with ≥ {parse.GetValue(support)} suggestions:");
            foreach (var t in thresholds) Console.WriteLine("  " + AutonomyThresholds.Format(t));
            Console.WriteLine($"written: {file.FullName}");
            return 0;
        });
        return command;
    }

    private static Command Measure()
    {
        var predictions = new Option<FileInfo>("--predictions") { Description = "predictions.tsv of an eval run on another split (dev)", Required = true };
        var thresholdsFile = new Option<FileInfo>("--thresholds") { Description = "Thresholds from `coding autonomy derive`", Required = true };
        var command = new Command("measure", "Autonomous precision and coverage of thresholds on another run") { predictions, thresholdsFile };
        command.SetAction(parse =>
        {
            var run = AutonomyDecision.ReadPredictions(parse.GetValue(predictions)!.FullName);
            var thresholds = JsonSerializer.Deserialize<List<FamilyThreshold>>(File.ReadAllText(parse.GetValue(thresholdsFile)!.FullName)) ?? [];
            var r = AutonomyDecision.Measure(run, thresholds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"encounters {r.Encounters}, autonomous {r.Autonomous} (coverage {r.Coverage:P1}); codes {r.Codes}, correct {r.CorrectCodes} "
                + $"(precision {(r.Codes == 0 ? "n/a" : r.Precision.ToString("F3", CultureInfo.InvariantCulture))}); every code right on {r.AllCorrect} of them"));
            return 0;
        });
        return command;
    }
}
