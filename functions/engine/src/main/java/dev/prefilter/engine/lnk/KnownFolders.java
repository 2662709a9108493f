package dev.prefilter.engine.lnk;

import java.util.Map;

/**
 * Shell folder class ids and known-folder ids that appear in shortcuts, with a readable name and,
 * where the folder is a file-system location, the path a target path starts with.
 */
final class KnownFolders {

    /**
     * @param path the file-system prefix; empty when the following items supply the path themselves;
     *     null for virtual folders
     */
    record Folder(String name, String path) {}

    private static final Map<String, Folder> FOLDERS = Map.ofEntries(
            Map.entry("20D04FE0-3AEA-1069-A2D8-08002B30309D", new Folder("My Computer", "")),
            Map.entry("208D2C60-3AEA-1069-A2D7-08002B30309D", new Folder("My Network Places", "")),
            Map.entry("F02C1A0D-BE21-4350-88B0-7367FC96EF3C", new Folder("Network", "")),
            Map.entry("871C5380-42A0-1069-A2EA-08002B30309D", new Folder("Internet Explorer", "")),
            Map.entry("59031A47-3F72-44A7-89C5-5595FE6B30EE", new Folder("Users Files", "%USERPROFILE%")),
            Map.entry("450D8FBA-AD25-11D0-98A8-0800361B1103", new Folder("My Documents", "%USERPROFILE%\\Documents")),
            Map.entry("645FF040-5081-101B-9F08-00AA002F954E", new Folder("Recycle Bin", null)),
            Map.entry("21EC2020-3AEA-1069-A2DD-08002B30309D", new Folder("Control Panel", null)),
            Map.entry("26EE0668-A00A-44D7-9371-BEB064C98683", new Folder("Control Panel (category view)", null)),
            Map.entry("2227A280-3AEA-1069-A2DE-08002B30309D", new Folder("Printers", null)),
            Map.entry("031E4825-7B94-4DC3-B131-E946B44C8DD5", new Folder("Libraries", null)),
            Map.entry("679F85CB-0220-4080-B29B-5540CC05AAB6", new Folder("Quick access", null)),
            Map.entry("018D5C66-4533-4307-9B53-224DE2ED1FE6", new Folder("OneDrive", "%OneDrive%")),
            Map.entry("5E591A74-DF96-48D3-8D67-1733BCEE28BA", new Folder("Delegate folder", null)),
            Map.entry("DFFACDC5-679F-4156-8947-C5C76BC0B67F", new Folder("Users files delegate", null)),
            Map.entry("B4BFCC3A-DB2C-424C-B029-7FE99A87C641", new Folder("Desktop", "%USERPROFILE%\\Desktop")),
            Map.entry("FDD39AD0-238F-46AF-ADB4-6C85480369C7", new Folder("Documents", "%USERPROFILE%\\Documents")),
            Map.entry("374DE290-123F-4565-9164-39C4925E467B", new Folder("Downloads", "%USERPROFILE%\\Downloads")),
            Map.entry("33E28130-4E1E-4676-835A-98395C3BC3BB", new Folder("Pictures", "%USERPROFILE%\\Pictures")),
            Map.entry("4BD8D571-6D19-48D3-BE97-422220080E43", new Folder("Music", "%USERPROFILE%\\Music")),
            Map.entry("18989B1D-99B5-455B-841C-AB7C74E4DDFC", new Folder("Videos", "%USERPROFILE%\\Videos")),
            Map.entry("5E6C858F-0E22-4760-9AFE-EA3317B67173", new Folder("Profile", "%USERPROFILE%")),
            Map.entry("3EB685DB-65F9-4CF6-A03A-E3EF65729F3D", new Folder("RoamingAppData", "%APPDATA%")),
            Map.entry("F1B32785-6FBA-4FCF-9D55-7B8E7F157091", new Folder("LocalAppData", "%LOCALAPPDATA%")),
            Map.entry(
                    "AE50C081-EBD2-438A-8655-8A092E34987A",
                    new Folder("Recent", "%APPDATA%\\Microsoft\\Windows\\Recent")),
            Map.entry(
                    "A77F5D77-2E2B-44C3-A6A2-ABA601054A51",
                    new Folder("Programs", "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs")),
            Map.entry("62AB5D82-FDC1-4DC3-A9DD-070D1D495D97", new Folder("ProgramData", "%ProgramData%")),
            Map.entry("905E63B6-C1BF-494E-B29C-65B732D3D21A", new Folder("ProgramFiles", "%ProgramFiles%")),
            Map.entry("7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E", new Folder("ProgramFilesX86", "%ProgramFiles(x86)%")),
            Map.entry("F38BF404-1D43-42F2-9305-67DE0B28FC23", new Folder("Windows", "%windir%")),
            Map.entry("1AC14E77-02E7-4E5D-B744-2EB1AE5198B7", new Folder("System", "%windir%\\System32")),
            Map.entry("D65231B0-B2F1-4857-A4CE-A8E7C6EA7D27", new Folder("SystemX86", "%windir%\\SysWOW64")));

    private KnownFolders() {}

    static Folder find(String guid) {
        return guid == null ? null : FOLDERS.get(guid);
    }

    static String name(String guid) {
        Folder folder = find(guid);
        return folder == null ? null : folder.name();
    }

    /** How a shell folder begins a target path: its file-system prefix, or the shell's {@code ::{GUID}} form. */
    static String pathOf(String guid) {
        Folder folder = find(guid);
        return folder != null && folder.path() != null ? folder.path() : "::{" + guid + "}";
    }
}
