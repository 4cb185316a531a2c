package dev.drover.daemon.enrollment;

/** This host has no credential and cannot get one; the message tells the operator what to do. */
public class EnrollmentException extends Exception {

    public EnrollmentException(String message) {
        super(message);
    }
}
