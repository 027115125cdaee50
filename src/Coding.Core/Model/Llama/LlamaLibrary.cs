using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Coding.Core.Model.Llama;

/// <summary>
/// Finds and initialises the llama.cpp build that scripts/llama.sh installs. One build per process: the libraries
/// keep global state (backend registry, logger), so a second directory is refused rather than silently mixed.
/// </summary>
public static unsafe class LlamaLibrary
{
    /// <summary>The node-llama-cpp release whose llama.h our struct layouts mirror.</summary>
    public const string PackageVersion = "3.22.1";

    private static readonly Lock Gate = new();
    private static string? _directory;
    private static readonly ConcurrentQueue<string> RecentErrors = new();

    public static string? LoadedDirectory => _directory;

    /// <summary>
    /// The CPU (or CUDA) build under the repository's ignored .local folder, found by walking up from the binary;
    /// null when scripts/llama.sh has not installed it.
    /// </summary>
    public static string? DefaultDirectory(bool cuda = false)
    {
        var package = cuda ? "linux-x64-cuda" : "linux-x64";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bins = Path.Combine(dir.FullName, ".local", "llama", PackageVersion, package, "bins");
            if (!Directory.Exists(bins))
                continue;
            var lib = Directory.EnumerateFiles(bins, "libllama.*so", SearchOption.AllDirectories).FirstOrDefault();
            if (lib is not null)
                return Path.GetDirectoryName(lib);
        }
        return null;
    }

    /// <summary>The tokenizer-only GGUF scripts/llama.sh copies out of the llama.cpp source bundle (tests, bench).</summary>
    public static string? DefaultVocabulary()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "llama", PackageVersion, "vocab", "ggml-vocab-llama-spm.gguf");
            if (File.Exists(file))
                return file;
        }
        return null;
    }

    /// <summary>Loads libllama/libggml from <paramref name="directory"/> and registers every ggml backend in it (CPU variants, CUDA).</summary>
    public static void EnsureLoaded(string directory)
    {
        var full = Path.GetFullPath(directory);
        lock (Gate)
        {
            if (_directory is not null)
            {
                if (_directory != full)
                    throw new InvalidOperationException($"llama.cpp is already loaded from {_directory}; one build per process (asked for {full}).");
                return;
            }
            if (!File.Exists(FindLibrary(full, "libllama.")))
                throw new DllNotFoundException($"No libllama in {full}: run `scripts/llama.sh install` or set Model:Llama:LibraryPath.");

            NativeLibrary.SetDllImportResolver(typeof(LlamaLibrary).Assembly, Resolve);
            _directory = full;
            LlamaNative.LogSet(&OnLog, null);
            // The libraries carry RUNPATH $ORIGIN, but the CPU-variant and CUDA backends are plugins: without this call
            // llama.cpp finds no device at all and model loading fails.
            LlamaNative.BackendLoadAllFromPath(full);
            LlamaNative.BackendInit();
        }
    }

    /// <summary>The last errors llama.cpp logged, for exception messages (it reports most failures only through its log).</summary>
    internal static string LastErrors() => string.Join(" | ", RecentErrors);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        var dir = _directory;
        if (dir is null)
            return 0;
        var prefix = name switch
        {
            LlamaNative.Llama => "libllama.",
            LlamaNative.Ggml => "libggml.",
            _ => null,
        };
        return prefix is null ? 0 : NativeLibrary.Load(FindLibrary(dir, prefix));
    }

    // "libllama." matches libllama.so and libllama.v0.5.0.so but not libllama-common.so.
    private static string FindLibrary(string dir, string prefix) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, prefix + "*").Where(f => f.EndsWith(".so", StringComparison.Ordinal)).Order().FirstOrDefault() ?? Path.Combine(dir, prefix + "so")
            : Path.Combine(dir, prefix + "so");

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, void* userData)
    {
        // ggml_log_level: 3 = warn, 4 = error. llama.cpp is chatty at info level; keep only what explains a failure.
        var line = text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
        if (Environment.GetEnvironmentVariable("CODING_LLAMA_LOG") == "1")
            Console.Error.Write(line);
        if (level >= 4 && level != 5)
        {
            RecentErrors.Enqueue(line.Trim());
            while (RecentErrors.Count > 8)
                RecentErrors.TryDequeue(out _);
        }
    }

    internal static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
