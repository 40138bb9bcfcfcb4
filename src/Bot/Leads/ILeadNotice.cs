using CourseBot.Bot.Delivery;
using CourseBot.Core.Calendar;

namespace CourseBot.Bot.Leads;

/// <summary>
/// One platform's way to tell a student something, as a delivery the posting ledger drives (so each notice goes out
/// once): a key whose channel names the user (<see cref="PrivatePost.Key"/>, "@" + user id) is a direct message,
/// opened by the delivery; any other key is a post in that course channel that mentions <see cref="PrivateNotice.To"/>.
/// A platform that refuses the DM (the student's privacy settings) answers a permanent refusal.
/// </summary>
public interface ILeadNotice : IPostDelivery<PrivateNotice>
{
    /// <summary>The course's channels on this platform, first one first: where a refused DM becomes a mention.</summary>
    IReadOnlyList<string> Channels(CourseChannels channels);
}
