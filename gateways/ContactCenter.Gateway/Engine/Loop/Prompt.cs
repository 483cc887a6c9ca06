using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Gateway.Engine.Loop;

/// <summary>
/// A recorded prompt cut into 20 ms frames once at start-up. The frames are immutable and shared
/// by every call that plays the prompt, so a thousand callers hearing the greeting cost one copy.
/// </summary>
public sealed class Prompt
{
    private Prompt(string name, IReadOnlyList<AudioFrame> frames)
    {
        Name = name;
        Frames = frames;
    }

    public string Name { get; }

    public IReadOnlyList<AudioFrame> Frames { get; }

    public TimeSpan Duration => TimeSpan.FromMilliseconds(Frames.Count * AudioFrame.DurationMs);

    /// <summary>Loads an 8 kHz 16-bit mono WAV; a missing file or another rate stops start-up with the path named.</summary>
    /// <param name="path">The WAV file.</param>
    /// <param name="setting">The configuration key that named it, quoted when the file is missing.</param>
    public static Prompt Load(string path, string setting = "MediaLoop:GreetingWav")
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt '{path}' not found ({setting}). Run ./contactcenter from the repository root or set an absolute path.", path);
        }

        var wav = WavFile.Read(path);
        if (wav.SampleRate != AudioFrame.SampleRate)
        {
            throw new InvalidDataException($"{path}: {wav.SampleRate} Hz; prompts must be {AudioFrame.SampleRate} Hz. Convert with: sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav");
        }

        var samples = wav.Samples;
        var frames = new List<AudioFrame>(samples.Length / AudioFrame.SampleCount + 1);
        for (var offset = 0; offset < samples.Length; offset += AudioFrame.SampleCount)
        {
            var chunk = new short[AudioFrame.SampleCount];
            samples.AsSpan(offset, Math.Min(AudioFrame.SampleCount, samples.Length - offset)).CopyTo(chunk);
            frames.Add(new AudioFrame(chunk));
        }

        return new Prompt(Path.GetFileNameWithoutExtension(path), frames);
    }
}
