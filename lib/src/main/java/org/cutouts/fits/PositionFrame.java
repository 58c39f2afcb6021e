package org.cutouts.fits;

/** The frame a caller's sky position is given in. */
public enum PositionFrame {
    /** ICRS right ascension and declination (catalogue coordinates), converted to the image's frame. */
    ICRS,
    /** The image's own longitude/latitude (RADESYS/EQUINOX/CTYPE), used as they are. */
    NATIVE
}
