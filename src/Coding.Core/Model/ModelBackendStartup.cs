using Coding.Core.Adjudication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coding.Core.Model;

/// <summary>
/// Builds the adjudicator when the host starts, so a GGUF that does not load (or a missing llama.cpp build) stops
/// the worker at once instead of failing its first encounter, and the model's identity is in the log from the start.
/// </summary>
internal sealed class ModelBackendStartup(IServiceProvider services, ILogger<ModelBackendStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IAdjudicator>();
        var backend = services.GetService<AdjudicationBackend>();
        var llama = services.GetService<Llama.LlamaChatCompletionService>();
        if (llama is not null)
        {
            logger.LogInformation("llama.cpp via LLamaSharp {Native}; model on {Device}", llama.Model.NativeLibrary,
                llama.Model.OnGpu ? $"GPU ({(llama.GpuLayersRequested < 0 ? "all" : llama.GpuLayersRequested)} layers)" : "CPU");
            if (!llama.Model.OnGpu && llama.GpuLayersRequested != 0)
                logger.LogWarning("Model:Llama:GpuLayers is {Layers} but no GPU backend loaded (CPU backend package — build with -p:LlamaBackend=Cuda12 — or no CUDA runtime on this host): decoding runs on the CPU", llama.GpuLayersRequested);
        }
        if (backend is null)
            logger.LogInformation("Adjudication: deterministic (Model:Backend=none)");
        else
            logger.LogInformation("Adjudication: {Backend} model {Model}{Endpoint}", backend.Name, backend.Model, backend.Endpoint is null ? "" : $" at {backend.Endpoint.GetLeftPart(UriPartial.Authority)}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
