namespace Coding.Core.Privacy;

/// <summary>Small hand lists the name and keep rules read (case-sensitive as written in notes).</summary>
internal static class PhiWords
{
    private static HashSet<string> Set(string words) =>
        new(words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>
    /// Given names: those that are also English or codebook words (the whitelist keeps them, so only context removes
    /// them) and the commonest others (for "SMITH, JOHN" and "John Smith" where the surname is a word too).
    /// </summary>
    public static readonly HashSet<string> GivenNames = Set("""
        Hope Will Grace Rose Mark Bill Frank Joy Faith Dawn Gene Sandy Rich Art Guy Pat Sue Ray Jack Jean Dean Glen Dale
        Grant Hunter Chase Wade Cliff Lance Miles Bob Rob Don Ken Al Amber Crystal Ruby Pearl Iris Ivy Holly Lily Daisy
        Violet Heather Olive Autumn Summer Eve Charity Patience Prudence Honor Mercy Destiny Misty Penny Candy Brandy
        Ginger Sunny Rusty Buck Drew Bud Bo Jay Robin Lane Sky Rocky Ted Tom Jimmy Jerry Hazel Willow Sage Jasmine
        Melody Harmony Star Dusty Skip Chip Duke Earl Noble Sterling Forrest Gay Carol Carole Jewel Bonnie Sally Harry
        Nick Pete Bert Clay Colt Cole Reed Ward Wes Herb Flora Fern Myrtle Magnolia Laurel Opal Coral Scarlett River
        Storm Rain Angel Precious Lucky Buddy Major Marshall Mason Porter Tucker Walker Baker Carter Cooper Parker Taylor
        Tanner Archer Fisher Hunter Gray Grey Brook Brooke Bay Cash Colby Dallas Austin Houston Phoenix Sydney Paris
        Georgia Virginia Carolina Tennessee Montana Dakota Indiana Florence Victoria Regina Augusta Eugene Salem Tyler
        John James Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda Elizabeth
        Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Betty Sandra Dorothy Helen Ruth Maria Anna Emma Evelyn
        Wilhelmina Teresa Theresa Ann Anne Joan June April May August Jan Sam Max Ben Dan Dave Tim Jim Joe Ed Ron
        """);

    /// <summary>Credentials written after a signature or staff name: "Jane Doe, RN".</summary>
    public const string Credentials =
        @"M\.?D\.?|D\.?O\.?|RN|BSN|MSN|NP|FNP|FNP-C|FNP-BC|APRN|ANP|AGNP|DNP|PA-C|LPN|LVN|CNA|CRNA|CNM|MSW|LCSW|LICSW|LMFT|" +
        @"PharmD|RPh|DPT|OTR/L|OTR|CCC-SLP|RDN|RRT|PhD|PsyD|MBBS|EMT-P|NRP|Paramedic|CMA|DDS|DMD|DPM|LPC|CADC";

    /// <summary>Credentials that are also everyday abbreviations ("Chest PT", "Home OT"): the name must look like one.</summary>
    public const string WeakCredentials = "PA|PT|OT|SLP|RD|EMT|MA|RT|CNS|OD";

    /// <summary>
    /// Words that follow an eponym or a named scale: capitalised words right before one are kept by the generic rule
    /// ("Ann Arbor staging", "Glasgow Coma Scale", "Patient Health Questionnaire", "Murphy's sign").
    /// </summary>
    public static readonly HashSet<string> KeepHeads = new(
        """
        sign signs test tests scale scales score scores criteria criterion classification staging stage stages grade
        grading maneuver manoeuvre reflex syndrome disease disorder point points triad rule rules questionnaire index
        assessment inventory level levels fracture fractures procedure operation repair catheter tube shunt murmur palsy
        phenomenon node nodes ulcer anemia anaemia lymphoma sarcoma tumor tumour position line lines equation formula
        method protocol diet model system nodule nodules cyst cysts disease's hernia body bodies cell cells granules
        reaction response law lesion lesions spots sheath duct canal gland glands valve fascia ligament membrane space
        area tract bundle block maneuvre incision approach technique splint cast brace sling stockings bandage mask
        contracture deformity dystrophy ataxia chorea dementia thyroiditis encephalopathy neuralgia neuropathy palsy's
        esophagus phenomenon's pouch diverticulum angina aneurysm cardiomyopathy fever virus bacillus disease, wort
        classification's tool exam examination battery checklist instrument screen screening calculator nomogram
        form forms perimetry campimetry field fields stain stains staining drain drains needle suture sutures bag clamp
        forceps retractor incision malformation anomaly ring rings line's pump monitor monitoring graft flap class
        category chart discriminant injury joint amputation gait pupil pupils respirations breathing
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>Capitalised words that begin sentences or headers and never start a name after a cue word.</summary>
    public static readonly HashSet<string> NotNames = Set("""
        The A An He She They His Her Their It Its This That These Those Patient Pt Is Was Has Had And But Or Also Called
        Reports Reported States Stated Says Notes Noted Who Which Per At In On Of For To From With By As Present Here There
        Not No None Denies Unknown Deceased Alive Living Lives Passed Died Age Aged Home Bedside Phone Cell Today Yesterday
        Tomorrow Will Would Can Could May Might Should Must Did Does Do Are Were Be Been Being I We You Me Us Him Them Mr
        Mrs Ms Dr Miss Name Daughter Son Wife Husband Mother Father Sister Brother Family Friend Caregiver Nurse Staff
        Left Right Bilateral Normal Negative Positive History Exam Plan Assessment Impression Medications Allergies
        Electronically Signed Seen Dictated Transcribed Reviewed Verified Cosigned Attending Resident Referring Referred
        Primary Care Provider Physician PCP Scribe Contact Emergency Caller Spoke Discussed Called Paged Notified Informed
        """);

    /// <summary>Words that end a facility name ("Bronson Methodist Hospital", "Tri-State Urgent Care").</summary>
    public const string FacilityHeads =
        "Hospital|Hospitals|Medical Center|Medical Centre|Med Ctr|Health Center|Health Centre|Healthcare|Health Care|Health System|" +
        "Health Services|Clinic|Clinics|Infirmary|Sanatorium|Nursing Home|Nursing Center|Nursing Facility|Care Center|Care Centre|" +
        "Rehabilitation Center|Rehabilitation Hospital|Rehabilitation|Rehab Center|Rehab|Hospice|Urgent Care|Surgery Center|" +
        "Surgical Center|Cancer Center|Cancer Institute|Heart Institute|Institute|Medical Group|Medical Associates|Associates|" +
        "Family Practice|Family Medicine|Internal Medicine|Pediatrics|Physicians|Practice|Pharmacy|Laboratories|Laboratory|Labs|" +
        "Imaging|Radiology|Dialysis Center|Dialysis|Manor|Assisted Living|Senior Living|Living Center|Skilled Nursing|" +
        "Children's|Shelter|Center|Centre|Lodge|Village|Gardens|Heights|Medical Plaza|Health Partners|ED|ER|Emergency Department|" +
        "Emergency Room|Visiting Nurses|Home Health|Nurses|Agency|Unit|Transitional Care|Care|Residence|Retirement Community";

    /// <summary>Words that end an employer's name.</summary>
    public const string CompanyHeads =
        "Inc|LLC|L\\.L\\.C\\.|Corp|Corporation|Co|Company|Ltd|LLP|PLLC|Group|Industries|Enterprises|Partners|Holdings|" +
        "Logistics|Manufacturing|Foods|Motors|Insurance|Construction|Trucking|Farms|Mills|Solutions|Technologies|" +
        "Plumbing|Roofing|Electric|Packing|Freightways|Freight|Transit|Paratransit|Railroad|Airlines|Steel|Lumber|Mining|" +
        "School District|Public Schools|University|College|Academy|Elementary|High School|Church|Ready Mix|Diner|Cafe|" +
        "Restaurant|Grocery|Stores|Depot|Warehouse|Services|Cab|Taxi";

    /// <summary>Words a facility match made of them alone is a department, not a place ("Internal Medicine Clinic").</summary>
    public static readonly HashSet<string> DepartmentWords = new(Set("""
        Internal Medicine Family Primary Care Urgent Emergency Department Medical Center Centre Clinic Clinics Hospital
        Health Outpatient Inpatient Cardiology Oncology Hematology Neurology Surgery Surgical Pediatrics Pediatric Women's
        Behavioral Mental Rehabilitation Rehab Physical Therapy Occupational Imaging Radiology Laboratory Labs Pharmacy
        Dialysis Wound Pain Sleep Cancer Heart Vascular Kidney Diabetes Endocrinology Gastroenterology Pulmonary
        Orthopedic Orthopaedic Ambulatory Infusion Services Unit General Practice Associates Group Hospice Care Home
        The Our This Your Skilled Nursing Facility Assisted Living Senior Psychiatry Psychiatric Dermatology Urology
        Obstetrics Gynecology OB GYN Nephrology Rheumatology Infectious Disease Diseases Transplant Stroke Trauma Burn
        Eye Ear Nose Throat Dental Specialty Specialist Community Memory Geriatric Geriatrics Adult Child Children's
        Of And For At In Patient Transitional Acute Long Term Short Stay Observation Critical Intensive Step Down Day
        ED ER ICU Note Visit Progress Discharge Admission Summary Consult Consultation
        """), StringComparer.OrdinalIgnoreCase);
}
