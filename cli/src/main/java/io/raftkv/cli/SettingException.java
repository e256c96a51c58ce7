package io.raftkv.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A bad or missing setting: reported as one line naming the setting, exit code 2, never a stack trace. */
final class SettingException extends RuntimeException {
    SettingException(String message) {
        super(message);
    }

    SettingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why a file could not be used, in words rather than an exception class name. */
    static String reason(IOException failure) {
        return switch (failure) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case FileAlreadyExistsException exists -> "a file is in the way: " + exists.getFile();
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> String.valueOf(failure.getMessage());
        };
    }
}
