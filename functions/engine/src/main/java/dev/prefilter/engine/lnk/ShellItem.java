package dev.prefilter.engine.lnk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One item of a LinkTargetIDList. Each kind knows how it contributes to the rebuilt target path.
 * Serialised as it appears in {@code facts.lnk.idList}.
 */
public sealed interface ShellItem {

    @JsonProperty("kind")
    String kind();

    /** This item's part of the target path; null when it adds nothing. */
    @JsonIgnore
    String pathSegment();

    /** A root folder such as My Computer, identified by its shell class id. */
    @JsonPropertyOrder({"kind", "guid", "name"})
    record RootFolder(String guid, String name) implements ShellItem {
        public String kind() {
            return "root-folder";
        }

        public String pathSegment() {
            return KnownFolders.pathOf(guid);
        }
    }

    /** A drive ({@code C:\}) or a shell folder given by class id. */
    @JsonPropertyOrder({"kind", "drive", "guid", "name"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Volume(String drive, String guid, String name) implements ShellItem {
        public String kind() {
            return "volume";
        }

        public String pathSegment() {
            return drive != null ? drive : guid != null ? KnownFolders.pathOf(guid) : null;
        }
    }

    /** A file or folder: its 8.3 name and, from its 0xBEEF0004 extension block, its long name. */
    @JsonPropertyOrder({"kind", "name", "shortName", "directory", "fileSize", "modified"})
    record FileEntry(String name, String shortName, boolean directory, long fileSize, String modified)
            implements ShellItem {
        public String kind() {
            return "file-entry";
        }

        public String pathSegment() {
            return name;
        }
    }

    /** A network server, share or domain; {@code location} is already a UNC path. */
    @JsonPropertyOrder({"kind", "location", "description", "comments"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NetworkLocation(String location, String description, String comments) implements ShellItem {
        public String kind() {
            return "network-location";
        }

        public String pathSegment() {
            return location;
        }
    }

    /** A control panel item or category. */
    @JsonPropertyOrder({"kind", "guid", "name", "category"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ControlPanel(String guid, String name, Long category) implements ShellItem {
        public String kind() {
            return "control-panel";
        }

        public String pathSegment() {
            return guid != null ? "::{" + guid + "}" : null;
        }
    }

    /** A control panel applet given by the path of its .cpl file (the CVE-2010-2568 vehicle). */
    @JsonPropertyOrder({"kind", "path", "displayName"})
    record ControlPanelFile(String path, String displayName) implements ShellItem {
        public String kind() {
            return "control-panel-file";
        }

        public String pathSegment() {
            return path;
        }
    }

    /** A URI, as Internet Explorer and WebDAV folders store them. */
    @JsonPropertyOrder({"kind", "uri"})
    record Uri(String uri) implements ShellItem {
        public String kind() {
            return "uri";
        }

        public String pathSegment() {
            return uri;
        }
    }

    /** An item whose class type this parser does not read: kept with its type and size. */
    @JsonPropertyOrder({"kind", "classType", "size"})
    record Unknown(String classType, int size) implements ShellItem {
        public String kind() {
            return "unknown";
        }

        public String pathSegment() {
            return null;
        }
    }
}
