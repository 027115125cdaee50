using System.CommandLine;
using Coding.Core.Model.Gguf;

namespace Coding.Cli.Commands;

/// <summary>
/// <c>coding model tiny --out FILE</c>: writes the tiny random-weight llama GGUF the tests use (real llama-spm
/// vocabulary from scripts/llama.sh, random weights), so `--model-backend llama --model FILE` can be exercised end to
/// end where no weights can be downloaded. Its answers are schema-valid noise: it tests plumbing, not coding.
/// </summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the GGUF", DefaultValueFactory = _ => new FileInfo(".local/models/tiny.gguf") };
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights (same seed, same file)", DefaultValueFactory = _ => 42 };
        var tiny = new Command("tiny", "Write a tiny random-weight llama GGUF with the real llama-spm vocabulary (for smoke runs and demos)") { output, seed };
        tiny.SetAction(parse =>
        {
            var vocab = TinyLlamaGguf.DefaultVocabulary();
            if (vocab is null)
            {
                Console.Error.WriteLine("no vocabulary GGUF: run scripts/llama.sh install");
                return 2;
            }
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            TinyLlamaGguf.Create(vocab, file.FullName, parse.GetValue(seed));
            Console.WriteLine($"{file.FullName} ({new FileInfo(file.FullName).Length / 1024} KiB)");
            return 0;
        });
        return new Command("model", "Model files for the llama backend") { tiny };
    }
}
