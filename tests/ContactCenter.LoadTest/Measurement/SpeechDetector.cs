using ContactCenter.Media.Codecs;

namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// Finds talk spurts in one direction of a call by energy. Frames come in time order, each stamped with when its audio
/// starts: the RTP arrival time of its packet on a live call, or frame index × 20 ms for a recording. A frame louder than
/// <see cref="SpeechDetectorOptions.ThresholdDbfs"/> is speech; speech frames separated by less than the hangover belong
/// to one spurt. Time comes only from the stamps, so a lost packet reads as the silence it leaves, and jittered arrivals
/// move each edge by no more than their jitter.
/// </summary>
public sealed class SpeechDetector
{
    private readonly SpeechDetectorOptions _options;
    private readonly int _sliceSamples;
    private readonly List<TalkSpurt> _spurts = [];
    private TimeSpan? _spurtStart;
    private TimeSpan _lastSpeechEnd;
    private TimeSpan _lastFrameTime = TimeSpan.MinValue;

    public SpeechDetector(SpeechDetectorOptions? options = null)
    {
        _options = options ?? new SpeechDetectorOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.SampleRate);
        _sliceSamples = Math.Max(1, (int)Math.Round(_options.OnsetResolution.TotalSeconds * _options.SampleRate));
    }

    /// <summary>The spurts that have ended, in order.</summary>
    public IReadOnlyList<TalkSpurt> Spurts => _spurts;

    /// <summary>The spurt under way, up to its last speech so far; null while silent (hangover included).</summary>
    public TalkSpurt? SpurtUnderWay => _spurtStart is { } start ? new TalkSpurt(start, _lastSpeechEnd) : null;

    /// <summary>Adds one frame of PCM whose audio starts at <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frame is stamped earlier than the one before it.</exception>
    public void Add(TimeSpan time, ReadOnlySpan<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, _lastFrameTime);
        _lastFrameTime = time;
        var frameEnd = time + SamplesToTime(pcm.Length);
        if (SignalLevel.Dbfs(pcm) <= _options.ThresholdDbfs)
        {
            if (_spurtStart is not null && frameEnd - _lastSpeechEnd >= _options.Hangover)
            {
                CloseSpurt();
            }

            return;
        }

        var (first, last) = LoudSlices(pcm);
        var speechStart = time + SamplesToTime(first);
        var speechEnd = time + SamplesToTime(last);
        if (_spurtStart is not null && speechStart - _lastSpeechEnd >= _options.Hangover)
        {
            CloseSpurt();
        }

        _spurtStart ??= speechStart;
        // Jittered frames can overlap; the spurt never ends earlier than speech already heard.
        _lastSpeechEnd = speechEnd > _lastSpeechEnd ? speechEnd : _lastSpeechEnd;
    }

    /// <summary>Decodes an RTP payload with <paramref name="codec"/> and adds it as one frame arriving at <paramref name="time"/>.</summary>
    public void Add(TimeSpan time, ReadOnlySpan<byte> payload, IAudioCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Span<short> pcm = stackalloc short[codec.GetSampleCount(payload.Length)];
        var samples = codec.Decode(payload, pcm);
        Add(time, pcm[..samples]);
    }

    /// <summary>Ends the spurt under way (the stream is over) and returns every spurt.</summary>
    public IReadOnlyList<TalkSpurt> Finish()
    {
        if (_spurtStart is not null)
        {
            CloseSpurt();
        }

        return _spurts;
    }

    /// <summary>The spurts of contiguous audio (a recording), cut into frames stamped frame index × frame length.</summary>
    public static IReadOnlyList<TalkSpurt> Detect(ReadOnlySpan<short> pcm, SpeechDetectorOptions? options = null)
    {
        var detector = new SpeechDetector(options);
        var frameSamples = Math.Max(1, (int)Math.Round(detector._options.FrameLength.TotalSeconds * detector._options.SampleRate));
        for (var offset = 0; offset < pcm.Length; offset += frameSamples)
        {
            detector.Add(detector.SamplesToTime(offset), pcm.Slice(offset, Math.Min(frameSamples, pcm.Length - offset)));
        }

        return detector.Finish();
    }

    /// <summary>
    /// Where speech begins and ends inside a speech frame, in samples: the start of its first loud slice and the end of
    /// its last. A frame loud on average always has at least one loud slice; if rounding says otherwise, the whole frame.
    /// </summary>
    private (int First, int Last) LoudSlices(ReadOnlySpan<short> pcm)
    {
        int? first = null;
        var last = pcm.Length;
        for (var offset = 0; offset < pcm.Length; offset += _sliceSamples)
        {
            var slice = pcm.Slice(offset, Math.Min(_sliceSamples, pcm.Length - offset));
            if (SignalLevel.Dbfs(slice) > _options.ThresholdDbfs)
            {
                first ??= offset;
                last = offset + slice.Length;
            }
        }

        return first is { } start ? (start, last) : (0, pcm.Length);
    }

    private void CloseSpurt()
    {
        var spurt = new TalkSpurt(_spurtStart!.Value, _lastSpeechEnd);
        if (spurt.Duration >= _options.MinimumSpurt)
        {
            _spurts.Add(spurt);
        }

        _spurtStart = null;
    }

    private TimeSpan SamplesToTime(int samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / _options.SampleRate);
}
