using Coding.Core.Model.Gguf;
using Coding.IntegrationTests.Web;

namespace Coding.IntegrationTests.Model;

/// <summary>
/// The real API host with <c>Model:Backend=llama</c> over the tiny random-weight GGUF: what serves
/// POST /v1/chat/completions to workers configured with the <c>openai</c> backend (loopback, no key).
/// </summary>
public sealed class LlamaApiHost : ApiHost
{
    private readonly string _dir = Directory.CreateTempSubdirectory("coding-api-gguf-").FullName;

    public Uri ModelEndpoint => new(BaseAddress, "/v1");

    public override async Task InitializeAsync()
    {
        if (TinyModel.Missing is null)
        {
            var path = Path.Combine(_dir, "tiny.gguf");
            TinyLlamaGguf.Create(TinyModel.Vocabulary!, path, seed: 42);
            Settings["Model:Backend"] = "llama";
            Settings["Model:Llama:ModelPath"] = path;
            Settings["Model:Llama:ContextSize"] = "2048";
            Settings["Model:Llama:Threads"] = "1";
            Settings["Model:Llama:ParallelSequences"] = "2";
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
