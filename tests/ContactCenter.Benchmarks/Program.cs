using BenchmarkDotNet.Running;
using ContactCenter.Benchmarks.Voice;

// `voice floor|capacity ...` runs the full-duplex engine benchmarks (real models, not BenchmarkDotNet);
// anything else is BenchmarkDotNet's switcher, as before.
if (args.Length > 0 && args[0] == "voice")
{
    return VoiceCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
