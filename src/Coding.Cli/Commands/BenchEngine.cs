using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Coding.Core.Codebooks;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation.CodiEsp;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding bench engine`: CPU per encounter of the deterministic engine outside the database — the lexicon is loaded
/// first (its load time and the memory it takes are reported apart), then the CodiEsp dev notes are coded on one
/// thread, once to warm up and then timed; CPU is the process's own (user + system) time over the timed passes.
/// </summary>
internal static class BenchEngine
{
    public static Command Create()
    {
        var notes = new Option<DirectoryInfo>("--codiesp") { Description = "CodiEsp split whose English notes are coded", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "eval", "codiesp", "dev")) };
        var passes = new Option<int>("--passes") { Description = "Timed passes over the notes", DefaultValueFactory = _ => 3 };
        var procedures = new Option<bool>("--procedures") { Description = "Code ICD-10-PCS too (priors learned from train/ beside --codiesp), as an inpatient stay is coded", DefaultValueFactory = _ => true };
        var command = new Command("engine", "CPU ms per encounter outside the database, and memory, of the deterministic engine") { notes, passes, procedures };
        command.SetAction(async (parse, ct) =>
        {
            var split = CodiEspReader.ReadSplit(parse.GetValue(notes)!.FullName);
            var texts = split.Documents.Select(d => split.Texts[d]).ToList();
            using var host = CliHost.Build();
            var rssBefore = Rss();
            var load = Stopwatch.StartNew();
            var lexicon = await EvalCommand.LexiconAsync(host.Services, new DateOnly(2026, 3, 1), ct);
            if (lexicon is null) return 3;
            load.Stop();
            GC.Collect();
            var rssLexicon = Rss();
            var priors = host.Services.GetRequiredService<CodingPriors>();
            // As the worker runs it: with dense retrieval when Engine:Dense is on (its round trip timed apart).
            var dense = DenseSources.For(host.Services, lexicon, CareSetting.Inpatient, ct);
            var denseSettings = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value.DenseSettings;
            var denseDatabase = TimeSpan.Zero;
            // Procedures read the note the diagnoses prepared, so the figure is what coding both costs.
            var pcs = parse.GetValue(procedures)
                ? ProcedureEval.LearnedLexiconAndPriors(new DirectoryInfo(Path.Combine(parse.GetValue(notes)!.FullName, "..", "train")),
                    host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CodebooksOptions>>().Value.SourceRoot)
                : default((Coding.Core.Engine.Procedures.ProcedureLexicon, Coding.Core.Engine.Procedures.ProcedurePriors)?);
            void Code(string text)
            {
                var (run, retrieval) = DeterministicCoder.Code(text, dense, denseSettings, lexicon, priors, CareSetting.Inpatient, null, PatientSex.Unknown);
                denseDatabase += retrieval?.Database ?? TimeSpan.Zero;
                if (pcs is var (pcsLexicon, pcsPriors))
                    _ = Coding.Core.Engine.Procedures.ProcedureCoder.Code(run.Note, pcsLexicon, pcsPriors, CareSetting.Inpatient).Suggested.Count();
            }

            foreach (var text in texts)
                Code(text);
            denseDatabase = TimeSpan.Zero;
            var perNote = new List<double>();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var p = 0; p < parse.GetValue(passes); p++)
            {
                foreach (var text in texts)
                {
                    var started = Stopwatch.GetTimestamp();
                    Code(text);
                    perNote.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            wall.Stop();
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / perNote.Count;
            perNote.Sort();
            var result = new
            {
                notes = texts.Count, passes = parse.GetValue(passes), meanNoteChars = texts.Average(t => t.Length),
                cpuMsPerEncounter = Math.Round(cpuMs, 3), procedures = pcs is not null,
                dense = dense is not null, denseDatabaseMsPerEncounter = Math.Round(denseDatabase.TotalMilliseconds / perNote.Count, 3),
                wallMsP50 = Math.Round(perNote[perNote.Count / 2], 3), wallMsP95 = Math.Round(perNote[(int)(perNote.Count * 0.95)], 3),
                wallMsMax = Math.Round(perNote[^1], 3),
                lexiconLoadSeconds = Math.Round(load.Elapsed.TotalSeconds, 2), lexiconTerms = lexicon.Terms.Count, lexiconCodes = lexicon.CodeCount,
                rssMbBeforeLexicon = rssBefore, rssMbWithLexicon = rssLexicon, rssMbAfterRun = Rss(),
                peakRssMb = process.PeakWorkingSet64 / 1048576, cores = Environment.ProcessorCount,
                machineNote = "shared 2-core machine; CPU time is the process's user+system time, GC threads included",
            };
            var dir = Path.Combine(CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory()) ?? ".", "artifacts", "bench");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "engine.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }), ct);
            var md = string.Create(CultureInfo.InvariantCulture, $"""
                # Bench: deterministic engine (outside the database)

                | measure | value |
                |---|---|
                | notes × passes | {result.notes} × {result.passes} (mean {result.meanNoteChars:F0} chars) |
                | CPU per encounter | **{result.cpuMsPerEncounter} ms** ({(result.procedures ? "diagnoses and ICD-10-PCS procedures" : "diagnoses only")}) |
                | dense retrieval (Engine:Dense) | {(result.dense ? $"on: database round trip {result.denseDatabaseMsPerEncounter} ms wall per encounter (not in the CPU figure, which counts this process only)" : "off")} |
                | wall per encounter p50 / p95 / max | {result.wallMsP50} / {result.wallMsP95} / {result.wallMsMax} ms |
                | lexicon load (DB read + build) | {result.lexiconLoadSeconds} s, {result.lexiconTerms} term variants, {result.lexiconCodes} codes |
                | RSS before lexicon / with lexicon / after run / peak | {result.rssMbBeforeLexicon} / {result.rssMbWithLexicon} / {result.rssMbAfterRun} / {result.peakRssMb} MB |

                Reproduce: `dotnet run -c Release --project src/Coding.Cli -- bench engine` (codebooks imported in the configured database).
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "engine.md"), md, ct);
            Console.WriteLine(md);
            return 0;
        });
        return command;
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576;
    }
}
