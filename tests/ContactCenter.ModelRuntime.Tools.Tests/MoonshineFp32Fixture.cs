using ContactCenter.ModelRuntime.Tools.Commands;
using ContactCenter.ModelRuntime.Tools.Moonshine;

namespace ContactCenter.ModelRuntime.Tools.Tests;

/// <summary>
/// Runs `moonshine-gpu` once for the test collection, on a scratch models folder whose moonshine-tiny/ links to
/// the installed int8 files, and keeps one CPU probe (ORT sessions) per variant for the tests to share.
/// </summary>
public sealed class MoonshineFp32Fixture : IDisposable
{
    private readonly Lazy<MoonshineProbe> _int8;
    private readonly Lazy<MoonshineProbe> _fp32;

    public MoonshineFp32Fixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"cc-dequant-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Root, MoonshineModels.Int8Folder));
        foreach (string file in new[] { MoonshineModels.Encoder, MoonshineModels.Decoder })
        {
            File.CreateSymbolicLink(MoonshineModels.Int8(Root, file), MoonshineModels.Int8(TestModels.Directory, file));
        }

        using var log = new StringWriter();
        ExitCode = MoonshineGpuCommand.Run(Root, log);
        Log = log.ToString();
        _int8 = new(() => new MoonshineProbe(Int8Path(MoonshineModels.Encoder), Int8Path(MoonshineModels.Decoder)));
        _fp32 = new(() => new MoonshineProbe(Fp32Path(MoonshineModels.Encoder), Fp32Path(MoonshineModels.Decoder)));
    }

    /// <summary>The scratch models folder (deleted with the fixture).</summary>
    public string Root { get; }

    public int ExitCode { get; }

    public string Log { get; }

    internal MoonshineProbe Int8 => _int8.Value;

    internal MoonshineProbe Fp32 => _fp32.Value;

    public string Int8Path(string file) => MoonshineModels.Int8(Root, file);

    public string Fp32Path(string file) => MoonshineModels.Fp32(Root, file);

    public void Dispose()
    {
        if (_int8.IsValueCreated)
        {
            _int8.Value.Dispose();
        }

        if (_fp32.IsValueCreated)
        {
            _fp32.Value.Dispose();
        }

        Directory.Delete(Root, recursive: true);
    }
}
