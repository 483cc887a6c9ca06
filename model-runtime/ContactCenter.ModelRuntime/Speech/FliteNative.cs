using System.Runtime.InteropServices;

namespace ContactCenter.ModelRuntime.Speech;

/// <summary>
/// P/Invoke into Debian's libflite1 (flite 2.2, include/flite.h and include/cst_*.h). The voices live in their
/// own libraries (libflite_cmu_us_slt.so.1 …, which pull in libflite_usenglish and libflite_cmulex), one
/// <c>cst_voice *register_cmu_us_&lt;name&gt;(const char *voxdir)</c> each, so they are bound by name at run
/// time with <see cref="NativeLibrary"/>. Nothing here is thread-safe: flite keeps global state.
/// </summary>
internal static partial class FliteNative
{
    public const string LibraryName = "libflite.so.1";

    /// <summary>Packages that provide the library, for the error when it is missing.</summary>
    public const string InstallHint = "apt-get install libflite1 (or use ./contactcenter run, whose image has it)";

    private static readonly Lazy<bool> Initialised = new(() =>
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(FliteNative).Assembly, null, out _))
        {
            throw new DllNotFoundException($"flite ({LibraryName}) is not installed: {InstallHint}");
        }

        FliteInit();
        return true;
    });

    /// <summary>Loads libflite and runs flite_init once; throws <see cref="DllNotFoundException"/> naming the package when missing.</summary>
    public static void EnsureInitialised()
    {
        _ = Initialised.Value;
    }

    /// <summary>The voice's register function from libflite_cmu_us_&lt;voice&gt;.so.1, called with no voice directory.</summary>
    public static unsafe IntPtr RegisterVoice(string voice)
    {
        string library = $"libflite_cmu_us_{voice}.so.1";
        if (!NativeLibrary.TryLoad(library, typeof(FliteNative).Assembly, null, out IntPtr handle))
        {
            throw new DllNotFoundException($"The flite voice {voice} ({library}) is not installed: {InstallHint}");
        }

        var register = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(handle, $"register_cmu_us_{voice}");
        IntPtr result = register(IntPtr.Zero);
        return result != IntPtr.Zero ? result : throw new InvalidOperationException($"register_cmu_us_{voice} returned no voice");
    }

    // void srand(unsigned int seed): flite's clustergen voices draw their noise excitation from libc's rand().
    [LibraryImport("libc.so.6", EntryPoint = "srand")]
    public static partial void SeedRandom(uint seed);

    // int flite_init(void);
    [LibraryImport(LibraryName, EntryPoint = "flite_init")]
    private static partial int FliteInit();

    // cst_utterance *flite_synth_text(const char *text, cst_voice *voice);
    [LibraryImport(LibraryName, EntryPoint = "flite_synth_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr SynthText(string text, IntPtr voice);

    // cst_wave *utt_wave(cst_utterance *u): owned by the utterance.
    [LibraryImport(LibraryName, EntryPoint = "utt_wave")]
    public static partial IntPtr UttWave(IntPtr utterance);

    // cst_relation *utt_relation(cst_utterance *u, const char *name);
    [LibraryImport(LibraryName, EntryPoint = "utt_relation", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr UttRelation(IntPtr utterance, string name);

    // cst_item *relation_head(cst_relation *r);
    [LibraryImport(LibraryName, EntryPoint = "relation_head")]
    public static partial IntPtr RelationHead(IntPtr relation);

    // cst_item *item_next(const cst_item *i);
    [LibraryImport(LibraryName, EntryPoint = "item_next")]
    public static partial IntPtr ItemNext(IntPtr item);

    // int item_feat_present(const cst_item *i, const char *name);
    [LibraryImport(LibraryName, EntryPoint = "item_feat_present", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ItemFeatPresent(IntPtr item, string name);

    // const char *item_feat_string(const cst_item *i, const char *name): flite's own storage, not freed here.
    [LibraryImport(LibraryName, EntryPoint = "item_feat_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ItemFeatString(IntPtr item, string name);

    // float ffeature_float(const cst_item *item, const char *featpath): 0 when the path leads nowhere.
    [LibraryImport(LibraryName, EntryPoint = "ffeature_float", StringMarshalling = StringMarshalling.Utf8)]
    public static partial float FeatureFloat(IntPtr item, string path);

    // void delete_utterance(cst_utterance *u): frees its relations and its wave.
    [LibraryImport(LibraryName, EntryPoint = "delete_utterance")]
    public static partial void DeleteUtterance(IntPtr utterance);

    /// <summary>A feature of an item as a string, or "" when the item lacks it (item_feat_string aborts on a missing one).</summary>
    public static string FeatureString(IntPtr item, string name) =>
        ItemFeatPresent(item, name) != 0 ? Marshal.PtrToStringUTF8(ItemFeatString(item, name)) ?? "" : "";

    /// <summary>cst_wave from include/cst_wave.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Wave
    {
        public IntPtr Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public IntPtr Samples;
    }
}
